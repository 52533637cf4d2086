package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.fs.Posix;
import dev.jcompose.runtime.image.LayerUnpacker.WhiteoutMode;
import dev.jcompose.runtime.testing.TarBuilder;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path tmp;

    static LayerUnpacker.Result unpack(byte[] layer, Path target, WhiteoutMode mode) {
        return LayerUnpacker.unpack(new ByteArrayInputStream(layer), target, mode);
    }

    private Path dir(String name) throws Exception {
        return Files.createDirectories(tmp.resolve(name));
    }

    private static int mode(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode", NOFOLLOW);
    }

    static byte[] sampleLayer() {
        return new TarBuilder()
                .dir("etc", 0755)
                .file("etc/hosts", "127.0.0.1 localhost\n", 0644).owned(0, 0)
                .dir("home", 0755)
                .dir("home/user", 0700).owned(1000, 1000)
                .file("home/user/.profile", "export A=1\n", 0600).owned(1000, 1000)
                .dir("bin", 0555)
                .file("bin/tool", "#!/bin/sh\n", 04755)
                .symlink("bin/sh", "/bin/busybox")
                .symlink("bin/rel", "../etc/hosts")
                .hardlink("bin/tool2", "bin/tool")
                .fifo("run.fifo")
                .file("usr/implicit/parent.txt", "made without parent entries", 0644)
                .build();
    }

    @Test
    void unpacksContentModesOwnersTimesLinksAndReportsTheDiffId() throws Exception {
        Path root = dir("root");
        byte[] layer = sampleLayer();
        LayerUnpacker.Result result = unpack(layer, root, WhiteoutMode.OVERLAY);

        assertEquals(Digest.of(layer), result.diffId());
        assertEquals(layer.length, result.size());
        assertEquals("127.0.0.1 localhost\n", Files.readString(root.resolve("etc/hosts")));
        assertEquals(0100644, mode(root.resolve("etc/hosts")));
        assertEquals(0104755, mode(root.resolve("bin/tool")), "setuid survives chown");
        assertEquals(040555, mode(root.resolve("bin")));
        assertEquals(040700, mode(root.resolve("home/user")));
        assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(root.resolve("bin/sh")));
        assertEquals(Path.of("../etc/hosts"), Files.readSymbolicLink(root.resolve("bin/rel")));
        assertEquals(Files.getAttribute(root.resolve("bin/tool"), "unix:ino"),
                Files.getAttribute(root.resolve("bin/tool2"), "unix:ino"));
        assertEquals(2, Files.getAttribute(root.resolve("bin/tool"), "unix:nlink"));
        assertEquals(0010644, mode(root.resolve("run.fifo")));
        assertEquals("made without parent entries", Files.readString(root.resolve("usr/implicit/parent.txt")));
        FileTime mtime = FileTime.from(TarBuilder.MTIME);
        assertEquals(mtime, Files.getLastModifiedTime(root.resolve("etc/hosts")));
        assertEquals(mtime, Files.getLastModifiedTime(root.resolve("bin"), NOFOLLOW), "dir mtime set after children");
        assertEquals(mtime, Files.getLastModifiedTime(root.resolve("bin/sh"), NOFOLLOW));
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(root.resolve("usr/implicit")));
        if (Posix.isRoot()) {
            assertEquals(1000, Files.getAttribute(root.resolve("home/user/.profile"), "unix:uid"));
            assertEquals(1000, Files.getAttribute(root.resolve("home/user"), "unix:gid"));
        }
    }

    @Test
    void gzipLayerGivesTheDiffIdOfItsUncompressedTar() throws Exception {
        byte[] layer = sampleLayer();
        LayerUnpacker.Result result = unpack(TarBuilder.gzip(layer), dir("root"), WhiteoutMode.APPLY);
        assertEquals(Digest.of(layer), result.diffId());
        assertEquals(layer.length, result.size());
    }

    @Test
    void zstdLayersUnpackToo() throws Exception {
        byte[] layer = sampleLayer();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(compressed)) {
            zstd.write(layer);
        }
        Path root = dir("root");
        assertEquals(Digest.of(layer), unpack(compressed.toByteArray(), root, WhiteoutMode.APPLY).diffId());
        assertEquals("127.0.0.1 localhost\n", Files.readString(root.resolve("etc/hosts")));
    }

    @Test
    void unpackingTwiceGivesTheSameTree() throws Exception {
        Path first = dir("first");
        Path second = dir("second");
        unpack(sampleLayer(), first, WhiteoutMode.APPLY);
        Thread.sleep(20);
        unpack(sampleLayer(), second, WhiteoutMode.APPLY);
        assertEquals(describe(first), describe(second));
    }

    @Test
    void devicesAreCreatedWhenRoot() throws Exception {
        assumeTrue(Posix.isRoot(), "device nodes need root");
        Path root = dir("root");
        unpack(new TarBuilder().dir("dev", 0755).charDevice("dev/null", 1, 3).build(), root, WhiteoutMode.APPLY);
        assertEquals(0020666, mode(root.resolve("dev/null")));
        assertEquals(Posix.makedev(1, 3), ((Number) Files.getAttribute(root.resolve("dev/null"), "unix:rdev")).longValue());
    }

    @Test
    void overlayModeTurnsWhiteoutsIntoCharDevicesAndOpaqueXattrs() throws Exception {
        assumeTrue(Posix.isRoot(), "overlay whiteouts need root");
        Path root = dir("root");
        unpack(new TarBuilder()
                .dir("etc", 0755).whiteout("etc/removed")
                .dir("var", 0755).opaque("var").file("var/new", "n", 0644)
                .build(), root, WhiteoutMode.OVERLAY);
        Path whiteout = root.resolve("etc/removed");
        assertEquals(0020000, mode(whiteout) & 0170000);
        assertEquals(0L, ((Number) Files.getAttribute(whiteout, "unix:rdev")).longValue());
        assertFalse(Files.exists(root.resolve("etc/.wh.removed"), NOFOLLOW));
        assertEquals("y", Posix.getXattr(root.resolve("var"), LayerUnpacker.OPAQUE_XATTR));
        assertFalse(Files.exists(root.resolve("var/.wh..wh..opq"), NOFOLLOW));
        assertNull(Posix.getXattr(root.resolve("etc"), LayerUnpacker.OPAQUE_XATTR));
        assertEquals("n", Files.readString(root.resolve("var/new")));
    }

    @Test
    void applyModeDeletesWhiteoutsAndEmptiesOpaqueDirectoriesButKeepsThisLayersFiles() throws Exception {
        Path root = dir("root");
        unpack(new TarBuilder()
                .dir("etc", 0755).file("etc/keep", "k", 0644).file("etc/removed", "r", 0644)
                .dir("etc/gone-dir", 0755).file("etc/gone-dir/x", "x", 0644)
                .dir("var", 0755).file("var/old", "o", 0644).dir("var/sub", 0755).file("var/sub/old", "o", 0644)
                .build(), root, WhiteoutMode.APPLY);
        unpack(new TarBuilder().mtime(Instant.parse("2024-06-01T00:00:00Z"))
                .whiteout("etc/removed").whiteout("etc/gone-dir")
                .dir("var", 0750).dir("var/sub", 0755).file("var/sub/before-marker", "b", 0644)
                .opaque("var").file("var/after-marker", "a", 0644)
                .build(), root, WhiteoutMode.APPLY);
        assertEquals("k", Files.readString(root.resolve("etc/keep")));
        assertFalse(Files.exists(root.resolve("etc/removed"), NOFOLLOW));
        assertFalse(Files.exists(root.resolve("etc/gone-dir"), NOFOLLOW));
        assertFalse(Files.exists(root.resolve("etc/.wh.removed"), NOFOLLOW));
        assertEquals(Map.of("var/after-marker", "a", "var/sub/before-marker", "b"), files(root.resolve("var"), root));
        assertEquals(040750, mode(root.resolve("var")));
        assertEquals(FileTime.from(TarBuilder.MTIME), Files.getLastModifiedTime(root.resolve("etc")),
                "a directory changed only by a whiteout keeps its time");
    }

    @Test
    void entriesReplaceWhatIsThereOfAnotherType() throws Exception {
        Path root = dir("root");
        unpack(new TarBuilder().dir("a", 0755).file("a/x", "x", 0644).file("b", "file", 0644).symlink("c", "/etc")
                .build(), root, WhiteoutMode.APPLY);
        unpack(new TarBuilder().file("a", "now a file", 0644).dir("b", 0700).file("c", "not a link", 0644)
                .build(), root, WhiteoutMode.APPLY);
        assertEquals("now a file", Files.readString(root.resolve("a")));
        assertTrue(Files.isDirectory(root.resolve("b"), NOFOLLOW));
        assertFalse(Files.isSymbolicLink(root.resolve("c")));
        assertEquals("not a link", Files.readString(root.resolve("c")));
    }

    /** Relative path → type, mode, mtime, owner, content or link target: what "the same tree" means. */
    static Map<String, String> describe(Path root) throws Exception {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String body = Files.isSymbolicLink(path) ? "->" + Files.readSymbolicLink(path)
                        : Files.isRegularFile(path, NOFOLLOW) ? Digest.of(Files.readAllBytes(path)).shortId() : "";
                tree.put(root.relativize(path).toString(), Integer.toOctalString(mode(path)) + " "
                        + Files.getAttribute(path, "unix:uid", NOFOLLOW) + " "
                        + (path.equals(root) ? "" : Files.getLastModifiedTime(path, NOFOLLOW)) + " " + body);
            }
        }
        return tree;
    }

    private static Map<String, String> files(Path dir, Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString(), Files.readString(path));
            }
        }
        return files;
    }
}
