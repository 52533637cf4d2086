package dev.jcompose.runtime.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.runtime.RuntimeError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container paths resolve through mounts and links without ever naming a host path outside the view. */
class FsViewTest {
    @TempDir
    Path tmp;
    Path root;
    Path volume;
    FsView view;

    @BeforeEach
    void tree() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        volume = Files.createDirectories(tmp.resolve("volume"));
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("real"));
        Files.createDirectories(volume.resolve("inner"));
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/real"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../.."));
        Files.createSymbolicLink(volume.resolve("escape"), Path.of("../../.."));
        Files.createSymbolicLink(volume.resolve("toroot"), Path.of("/real"));
        view = new FsView(root, true, List.of(new FsView.Mount("/data", volume, false)));
    }

    @Test
    void pathsUnderAMountAreInTheMountsSource() {
        assertEquals(volume.resolve("inner"), view.resolve("/data/inner", false).host());
        assertEquals(volume, view.resolve("/data", true).host());
    }

    @Test
    void linksResolveInTheContainersScope() {
        assertEquals(root.resolve("real/x"), view.resolve("/abs/x", false).host());
        assertEquals(root.resolve("x"), view.resolve("/up/x", false).host(), ".. stops at the container's root");
        assertEquals(root.resolve("x"), view.resolve("/data/escape/x", false).host(),
                "a link in a volume climbs the container's tree, not the host's");
        assertEquals(root.resolve("real"), view.resolve("/data/toroot", true).host());
        assertEquals(volume.resolve("toroot"), view.resolve("/data/toroot", false).host(), "the last link kept");
        assertEquals("/real", view.resolve("/abs", true).containerPath());
    }

    @Test
    void writabilityFollowsTheInnermostMount() {
        view.checkWritable(List.of("real"));
        RuntimeError e = assertThrows(RuntimeError.class, () -> view.checkWritable(List.of("data", "x")));
        assertEquals("mounted volume is marked read-only", e.getMessage());
    }

    @Test
    void aLinkLoopIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        assertThrows(RuntimeError.class, () -> view.resolve("/a/x", false));
    }

    @Test
    void statUsesGoModesAndRfc3339Nano() {
        assertEquals((1L << 31) | 0755, PathStat.goMode(0040755));
        assertEquals((1L << 27) | 0777, PathStat.goMode(0120777));
        assertEquals((1L << 23) | 0755, PathStat.goMode(0104755), "setuid");
        assertEquals((1L << 26) | (1L << 21) | 0666, PathStat.goMode(0020666), "char device");
        assertEquals("2000-01-01T00:00:00Z", PathStat.rfc3339Nano(Instant.parse("2000-01-01T00:00:00Z")));
        assertEquals("2026-11-22T03:50:16.4713Z", PathStat.rfc3339Nano(Instant.parse("2026-11-22T03:50:16.471300000Z")));
    }
}
