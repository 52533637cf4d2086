package dev.jcompose.runtime.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract of {@link Snapshotter}, run against each implementation with real mounts (like
 * containerd's snapshots/testsuite). Subclasses say how to make a snapshotter on a root directory.
 * Everything lives in a /tmp/jcompose-test-* directory; every mount is unmounted in a finally block.
 */
public abstract class SnapshotterConformance {
    protected Path sandbox;
    protected Snapshotter snapshotter;
    protected final Mounter mounter = new Mounter();
    private final List<Path> mountPoints = new ArrayList<>();

    protected abstract Snapshotter create(Path root);

    @BeforeEach
    void setUp() throws IOException {
        sandbox = Files.createTempDirectory(Path.of("/tmp"), "jcompose-test-");
        snapshotter = create(sandbox.resolve("root"));
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            for (Path mountPoint : mountPoints.reversed()) {
                mounter.unmount(mountPoint);
            }
        } finally {
            OverlaySnapshotter.deleteTree(sandbox);
        }
    }

    /** Mounts, runs {@code body} on the mounted tree, always unmounts. */
    protected void withMounted(List<Mount> mounts, Consumer<Path> body) throws IOException {
        Path target = Files.createTempDirectory(sandbox, "mnt-");
        mountPoints.add(target);
        mounter.mount(mounts, target);
        try {
            assertTrue(mounter.isMounted(target));
            body.accept(target);
        } finally {
            mounter.unmount(target);
        }
        assertFalse(mounter.isMounted(target));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int status(Executable call) {
        return assertThrows(RuntimeError.class, call).status();
    }

    /** Commits a one-layer chain of {@code count} layers, each adding layer-N.txt; returns the top name. */
    private String chain(int count) throws IOException {
        String parent = null;
        for (int i = 1; i <= count; i++) {
            String key = "build-" + i;
            int layer = i;
            withMounted(snapshotter.prepare(key, parent), root -> write(root.resolve("layer-" + layer + ".txt"), "" + layer));
            snapshotter.commit("layer-" + i, key);
            parent = "layer-" + i;
        }
        return parent;
    }

    @Test
    void aCommittedLayerIsVisibleInChildrenAndViewsAreReadOnly() throws IOException {
        withMounted(snapshotter.prepare("a", null), root -> {
            write(root.resolve("etc/hostname"), "base");
            write(root.resolve("shared"), "from base");
        });
        snapshotter.commit("base", "a");
        withMounted(snapshotter.prepare("b", "base"), root -> {
            assertEquals("base", read(root.resolve("etc/hostname")));
            write(root.resolve("shared"), "from top");
            write(root.resolve("top-only"), "top");
        });
        snapshotter.commit("top", "b");
        withMounted(snapshotter.view("v", "top"), root -> {
            assertEquals("base", read(root.resolve("etc/hostname")));
            assertEquals("from top", read(root.resolve("shared")));
            assertEquals("top", read(root.resolve("top-only")));
            assertThrows(IOException.class, () -> Files.writeString(root.resolve("new"), "x"));
        });
        withMounted(snapshotter.view("v1", "base"), root -> {
            assertEquals("from base", read(root.resolve("shared")));
            assertThrows(IOException.class, () -> Files.writeString(root.resolve("new"), "x"));
        });
    }

    @Test
    void deletionsInAChildHideTheParentsFiles() throws IOException {
        withMounted(snapshotter.prepare("a", null), root -> {
            write(root.resolve("gone"), "x");
            write(root.resolve("dir/inner"), "y");
            write(root.resolve("kept"), "z");
        });
        snapshotter.commit("base", "a");
        withMounted(snapshotter.prepare("b", "base"), root -> {
            try {
                Files.delete(root.resolve("gone"));
                Files.delete(root.resolve("dir/inner"));
                Files.delete(root.resolve("dir"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        snapshotter.commit("top", "b");
        withMounted(snapshotter.view("v", "top"), root -> {
            assertFalse(Files.exists(root.resolve("gone")));
            assertFalse(Files.exists(root.resolve("dir")));
            assertEquals("z", read(root.resolve("kept")));
        });
        withMounted(snapshotter.view("v-base", "base"), root -> assertEquals("x", read(root.resolve("gone"))));
    }

    @Test
    void statListAndKindsFollowTheLifecycle() throws IOException {
        snapshotter.prepare("a", null);
        assertEquals(Kind.ACTIVE, snapshotter.stat("a").kind());
        assertNull(snapshotter.stat("a").parent());
        snapshotter.commit("base", "a");
        assertFalse(snapshotter.exists("a"));
        assertEquals(Kind.COMMITTED, snapshotter.stat("base").kind());
        snapshotter.view("v", "base");
        snapshotter.prepare("c", "base");
        assertEquals(Kind.VIEW, snapshotter.stat("v").kind());
        assertEquals("base", snapshotter.stat("c").parent());
        assertEquals(List.of("base", "c", "v"), snapshotter.list().stream().map(SnapshotInfo::name).toList());
    }

    @Test
    void misuseIsRefusedWithDockerishStatuses() throws IOException {
        snapshotter.prepare("a", null);
        assertEquals(409, status(() -> snapshotter.prepare("a", null)));
        assertEquals(404, status(() -> snapshotter.prepare("b", "missing")));
        assertEquals(400, status(() -> snapshotter.prepare("b", "a")), "parent must be committed");
        assertEquals(400, status(() -> snapshotter.prepare("", null)));
        snapshotter.commit("base", "a");
        assertEquals(409, status(() -> snapshotter.prepare("base", null)), "names and keys share one namespace");
        assertEquals(400, status(() -> snapshotter.mounts("base")));
        assertEquals(404, status(() -> snapshotter.commit("x", "a")));
        snapshotter.view("v", "base");
        assertEquals(400, status(() -> snapshotter.commit("x", "v")));
        snapshotter.prepare("c", "base");
        assertEquals(409, status(() -> snapshotter.commit("base", "c")));
        assertEquals(409, status(() -> snapshotter.remove("base")), "a parent cannot go");
        assertEquals(404, status(() -> snapshotter.stat("nope")));
        assertEquals(404, status(() -> snapshotter.remove("nope")));
        snapshotter.remove("c");
        snapshotter.remove("v");
        snapshotter.remove("base");
        assertEquals(List.of(), snapshotter.list());
    }

    @Test
    void removingASnapshotRemovesItsFiles() throws IOException {
        withMounted(snapshotter.prepare("a", null), root -> write(root.resolve("f"), "x"));
        snapshotter.commit("base", "a");
        snapshotter.prepare("c", "base");
        snapshotter.remove("c");
        snapshotter.remove("base");
        try (Stream<Path> left = Files.walk(sandbox.resolve("root/snapshots"))) {
            assertEquals(List.of(), left.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().equals("metadata.json")).toList());
        }
    }

    @Test
    void usageCountsTheLayersOwnFilesOnly() throws IOException {
        withMounted(snapshotter.prepare("a", null), root -> {
            write(root.resolve("one"), "12345");
            write(root.resolve("dir/two"), "123");
        });
        snapshotter.commit("base", "a");
        assertEquals(new Usage(8, 4), snapshotter.usage("base"), "2 files, 1 dir and the layer root");
        withMounted(snapshotter.prepare("b", "base"), root -> write(root.resolve("three"), "1"));
        assertEquals(1, snapshotter.usage("b").size());
    }

    @Test
    void ownersAndModesWrittenThroughTheMountAreCommitted() throws IOException {
        withMounted(snapshotter.prepare("a", null), root -> {
            write(root.resolve("owned"), "x");
            try {
                Files.setAttribute(root.resolve("owned"), "unix:uid", 1234);
                Files.setAttribute(root.resolve("owned"), "unix:mode", 0640);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        snapshotter.commit("base", "a");
        withMounted(snapshotter.view("v", "base"), root -> {
            try {
                assertEquals(1234, Files.getAttribute(root.resolve("owned"), "unix:uid"));
                assertEquals(0100640, Files.getAttribute(root.resolve("owned"), "unix:mode"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aDeepChainStillMountsAndShowsEveryLayer() throws IOException {
        int depth = 130; // past what fits in one page as absolute overlay paths
        String top = chain(depth);
        List<Mount> mounts = snapshotter.prepare("container", top);
        withMounted(mounts, root -> {
            assertEquals("1", read(root.resolve("layer-1.txt")));
            assertEquals("" + depth, read(root.resolve("layer-" + depth + ".txt")));
            write(root.resolve("container.txt"), "rw");
        });
    }

    @Test
    void stateSurvivesAReopenAndOrphanDirectoriesAreCleaned() throws IOException {
        withMounted(snapshotter.prepare("a", null), root -> write(root.resolve("f"), "x"));
        snapshotter.commit("base", "a");
        Path orphan = Files.createDirectories(sandbox.resolve("root/snapshots/999/fs"));
        Snapshotter reopened = create(sandbox.resolve("root"));
        assertEquals(Kind.COMMITTED, reopened.stat("base").kind());
        assertFalse(Files.exists(orphan));
        withMounted(reopened.view("v", "base"), root -> assertEquals("x", read(root.resolve("f"))));
        reopened.prepare("next", "base");
        assertEquals(3, reopened.list().size());
    }
}
