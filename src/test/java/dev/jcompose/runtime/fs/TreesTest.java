package dev.jcompose.runtime.fs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.RuntimeError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreesTest {
    @TempDir
    Path dir;

    @Test
    void deletesWithoutFollowingSymlinks() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep");
        Path tree = Files.createDirectories(dir.resolve("tree/a"));
        Files.writeString(tree.resolve("f"), "x");
        Files.createSymbolicLink(tree.resolve("link"), outside);
        Files.createSymbolicLink(dir.resolve("tree/dirlink"), dir);
        Trees.delete(dir.resolve("tree"));
        assertFalse(Files.exists(dir.resolve("tree")));
        assertTrue(Files.exists(outside));
    }

    @Test
    @Tag("root")
    void refusesToDeleteIntoAMountStillInPlace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Path mnt = Files.createDirectories(tree.resolve("mnt"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "jct-trees", mnt.toString()).inheritIO().start();
        assumeTrue(p.waitFor() == 0, "mount failed");
        try {
            Files.writeString(mnt.resolve("precious"), "host data");
            assertThrows(RuntimeError.class, () -> Trees.delete(tree));
            assertTrue(Files.exists(mnt.resolve("precious")), "nothing deleted through the mount");
        } finally {
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
        }
        Trees.delete(tree);
        assertFalse(Files.exists(tree));
    }
}
