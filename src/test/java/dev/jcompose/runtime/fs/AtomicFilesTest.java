package dev.jcompose.runtime.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.runtime.RuntimeError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesCreatesParentsAndReplacesWithoutLeavingTempFiles() throws Exception {
        Path file = dir.resolve("a/b/state.json");
        AtomicFiles.write(file, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, "two".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void failureLeavesTheOldContentAndNoTempFile() throws Exception {
        Path file = dir.resolve("state.json");
        AtomicFiles.write(file, "old".getBytes(StandardCharsets.UTF_8));
        Path target = dir.resolve("dir-in-the-way");
        Files.createDirectories(target.resolve("child"));
        assertThrows(RuntimeError.class, () -> AtomicFiles.write(target, new byte[] {1}));
        assertEquals("old", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void layoutVersionIsWrittenOnceAndCheckedAfterwards() throws Exception {
        LayoutVersion.ensure(dir);
        assertEquals(LayoutVersion.CURRENT + "\n", Files.readString(dir.resolve("VERSION")));
        LayoutVersion.ensure(dir);
        Files.writeString(dir.resolve("VERSION"), "99\n");
        RuntimeError error = assertThrows(RuntimeError.class, () -> LayoutVersion.ensure(dir));
        assertEquals(500, error.status());
    }
}
