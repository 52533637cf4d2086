package dev.jcompose.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host half of cp: tar of a tree (links kept, modes kept) and a safe extraction. */
class LocalArchiveTest {
    @TempDir
    Path dir;

    @Test
    void treeRoundTripKeepsModesLinksAndRenamesTheRoot() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(src.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(src.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("run.sh"));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        LocalArchive.write(dir.resolve("src"), "copy", false, tar);
        Path out = Files.createDirectories(dir.resolve("out"));
        LocalArchive.extract(new ByteArrayInputStream(tar.toByteArray()), out, "copy", "renamed");
        assertEquals("#!/bin/sh\n", Files.readString(out.resolve("renamed/sub/run.sh")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("renamed/sub/run.sh"))));
        assertTrue(Files.isSymbolicLink(out.resolve("renamed/sub/link")));
        assertEquals(Path.of("run.sh"), Files.readSymbolicLink(out.resolve("renamed/sub/link")));
    }

    @Test
    void followLinkArchivesTheTargetUnderTheLinksName() throws Exception {
        Files.writeString(dir.resolve("real.txt"), "real");
        Files.createSymbolicLink(dir.resolve("alias"), Path.of("real.txt"));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        LocalArchive.write(dir.resolve("alias"), "alias", true, tar);
        Path out = Files.createDirectories(dir.resolve("out"));
        LocalArchive.extract(new ByteArrayInputStream(tar.toByteArray()), out, "alias", "alias");
        assertFalse(Files.isSymbolicLink(out.resolve("alias")));
        assertEquals("real", Files.readString(out.resolve("alias")));
    }

    @Test
    void entriesCannotEscapeTheTargetDirectory() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry("x/../../evil.txt");
            byte[] data = "evil".getBytes(StandardCharsets.UTF_8);
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        assertThrows(ComposeException.class, () -> LocalArchive.extract(new ByteArrayInputStream(
                bytes.toByteArray()), out, "x", "x"));
        assertFalse(Files.exists(dir.resolve("evil.txt")));
    }

    @Test
    void missingSourceIsNotFound() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> LocalArchive.write(dir.resolve("absent"), "absent", false, new ByteArrayOutputStream()));
        assertEquals(ComposeException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void anEntryIsNeverWrittenThroughALinkFromTheSameArchive() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path victim = Files.writeString(outside.resolve("null"), "keep me");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry link = new TarArchiveEntry("x/dev", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName(outside.toString());
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            byte[] data = "overwritten".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("x/dev/null");
            file.setSize(data.length);
            tar.putArchiveEntry(file);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        Path out = Files.createDirectories(dir.resolve("out2"));
        ComposeException e = assertThrows(ComposeException.class, () -> LocalArchive.extract(
                new ByteArrayInputStream(bytes.toByteArray()), out, "x", "x"));
        assertTrue(e.getMessage().contains("symlink"), e.getMessage());
        assertEquals("keep me", Files.readString(victim));
    }
}
