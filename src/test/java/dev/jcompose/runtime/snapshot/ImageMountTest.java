package dev.jcompose.runtime.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.content.LocalContentStore;
import dev.jcompose.runtime.fs.Posix;
import dev.jcompose.runtime.image.DeleteItem;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.ImageUsage;
import dev.jcompose.runtime.testing.ImageArchives;
import dev.jcompose.runtime.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An image archive built in code (two layers, the second with a whiteout and an opaque directory) goes
 * all the way: load → unpack into overlay snapshots → container snapshot → real mount → merged view.
 */
@Tag("root")
class ImageMountTest {
    private Path sandbox;
    private OverlaySnapshotter snapshotter;
    private ImageStore store;
    private final Mounter mounter = new Mounter();
    private Path target;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Posix.isRoot(), "overlay mounts need root");
        sandbox = Files.createTempDirectory(Path.of("/tmp"), "jcompose-test-");
        Path root = sandbox.resolve("state");
        snapshotter = new OverlaySnapshotter(root);
        store = new ImageStore(root, new LocalContentStore(root), snapshotter);
        target = Files.createDirectories(sandbox.resolve("rootfs"));
    }

    @AfterEach
    void tearDown() {
        if (sandbox == null) {
            return;
        }
        try {
            mounter.unmount(target);
        } finally {
            OverlaySnapshotter.deleteTree(sandbox);
        }
    }

    static List<byte[]> twoLayers() {
        byte[] base = new TarBuilder()
                .dir("etc", 0755).file("etc/os-release", "ID=base\n", 0644).file("etc/removed", "old", 0644)
                .dir("var", 0755).dir("var/cache", 0755).file("var/cache/old1", "1", 0644)
                .dir("var/cache/sub", 0755).file("var/cache/sub/old2", "2", 0644)
                .dir("keep", 0755).file("keep/file", "kept", 0644)
                .build();
        byte[] top = new TarBuilder()
                .dir("etc", 0755).whiteout("etc/removed")
                .dir("var", 0755).dir("var/cache", 0700).opaque("var/cache").file("var/cache/new", "new", 0644)
                .dir("app", 0755).file("app/marker", "top", 0644)
                .build();
        return List.of(base, top);
    }

    private Digest load(String marker, List<byte[]> layers, String tag) {
        byte[] config = ImageArchives.config(layers, Map.of("m", marker), List.of("sh"), "2024-01-02T03:04:05Z");
        byte[] archive = ImageArchives.archive(ImageArchives.Format.DOCKER_LEGACY, config, layers, List.of(tag));
        return store.load(new ByteArrayInputStream(archive)).images().get(0).id();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theMergedViewShowsWhiteoutsAndOpaqueDirectoriesApplied() throws IOException {
        load("a", twoLayers(), "two:1");
        String top = store.unpack("two:1");
        mounter.mount(snapshotter.prepare("container-1", top), target);
        try {
            assertEquals("ID=base\n", Files.readString(target.resolve("etc/os-release")));
            assertFalse(Files.exists(target.resolve("etc/removed")), "whited out");
            assertEquals(List.of("new"), names(target.resolve("var/cache")), "opaque: nothing from below");
            assertEquals(040700, Files.getAttribute(target.resolve("var/cache"), "unix:mode"));
            assertEquals("kept", Files.readString(target.resolve("keep/file")));
            assertEquals("top", Files.readString(target.resolve("app/marker")));
            assertEquals(List.of("app", "etc", "keep", "var"), names(target));
            Files.writeString(target.resolve("etc/written-by-container"), "rw");
        } finally {
            mounter.unmount(target);
        }
        assertFalse(mounter.isMounted(target));
        Path upper = snapshotter.mounts("container-1").get(0).pathOption("upperdir");
        assertEquals("rw", Files.readString(upper.resolve("etc/written-by-container")), "the write stayed on top");
    }

    @Test
    void imagesShareLowerLayersAndRemovalReleasesOnlyWhatIsUnused() throws IOException {
        List<byte[]> layers = twoLayers();
        byte[] otherTop = new TarBuilder().dir("other", 0755).file("other/x", "x", 0644).build();
        Digest first = load("a", layers, "first:1");
        load("b", List.of(layers.get(0), otherTop), "second:1");
        String firstTop = store.unpack("first:1");
        store.unpack("second:1");
        long committed = snapshotter.list().stream().filter(info -> info.kind() == Kind.COMMITTED).count();
        assertEquals(3, committed, "base layer unpacked once for both images");
        assertEquals(firstTop, store.unpack(first.toString()), "unpacking again changes nothing");

        snapshotter.prepare("container-1", firstTop);
        List<DeleteItem> blocked = store.remove("first:1", true, ImageUsage.NONE);
        assertEquals(List.of(DeleteItem.untagged("first:1"), DeleteItem.deleted(first.toString())), blocked,
                "the container's snapshot still stands on the top layer: no layer released");
        assertTrue(snapshotter.exists(firstTop));
        snapshotter.remove("container-1");
        assertEquals(List.of(firstTop), store.releaseUnusedLayers(), "the container is gone: its layer goes");
        assertEquals(List.of(), store.releaseUnusedLayers());

        List<DeleteItem> items = store.remove("second:1", false, ImageUsage.NONE);
        assertEquals(4, items.size(), "untag, image, its top layer, the base layer");
        assertTrue(items.get(2).deleted().startsWith("sha256:"));
        assertEquals(List.of(), snapshotter.list());
    }
}
