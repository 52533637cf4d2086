package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `config -o` replaces regular files atomically but never replaces a device or a symlink with a file. */
class ConfigOutputFileTest {
    @TempDir
    Path dir;

    @Test
    void devNullStaysADevice() throws Exception {
        ConfigCommand.writeAtomically(Path.of("/dev/null"), "services: {}\n");
        assertTrue(!Files.isRegularFile(Path.of("/dev/null")), "/dev/null must remain a character device");
    }

    @Test
    void symlinkKeepsPointingAtItsTarget() throws Exception {
        Path real = Files.writeString(dir.resolve("real.yaml"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), real);
        ConfigCommand.writeAtomically(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void regularFileIsReplacedWhole() throws Exception {
        Path f = Files.writeString(dir.resolve("out.yaml"), "old content that is longer");
        ConfigCommand.writeAtomically(f, "new");
        assertEquals("new", Files.readString(f));
    }
}
