package dev.jcompose.runtime.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.runtime.fs.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fake layer trees (whiteouts by mknod, opaque dirs by trusted xattr: root) → the lines docker diff prints. */
@Tag("root")
class LayerChangesTest {
    private static final FileTime IMAGE_TIME = FileTime.fromMillis(1_600_000_000_000L);
    private static final Set<String> NONE = Set.of();

    @TempDir
    Path tmp;
    private Path upper;
    private Path lower;

    @BeforeEach
    void image() throws IOException {
        upper = Files.createDirectories(tmp.resolve("upper"));
        lower = Files.createDirectories(tmp.resolve("lower"));
        file(lower, "etc/passwd", "root:x:0:0\n");
        file(lower, "etc/group", "root:x:0:\n");
        file(lower, "usr/share/doc/a", "a");
        file(lower, "usr/share/doc/b", "b");
        Files.createDirectories(lower.resolve("tmp"));
        stamp(lower);
    }

    @Test
    void nothingWrittenIsNoChange() {
        assertEquals(List.of(), LayerChanges.between(upper, List.of(lower), NONE));
    }

    @Test
    void newFileInAnImageDirectoryReportsTheDirectoryModified() throws IOException {
        copyUp("tmp");
        file(upper, "tmp/x", "");
        assertEquals("C /tmp\nA /tmp/x", diff(List.of(lower)));
    }

    @Test
    void changedFileIsModifiedAndCopiedUpUntouchedFileIsNot() throws IOException {
        copyUp("etc");
        copyUp("etc/group");
        copyUp("etc/passwd");
        Files.writeString(upper.resolve("etc/passwd"), "hi\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals("C /etc\nC /etc/passwd", diff(List.of(lower)));
    }

    @Test
    void whiteoutOfADirectoryIsOneDeletion() throws IOException {
        copyUp("usr");
        copyUp("usr/share");
        whiteout("usr/share/doc");
        copyUp("etc");
        whiteout("etc/group");
        assertEquals("C /etc\nD /etc/group\nC /usr\nC /usr/share\nD /usr/share/doc", diff(List.of(lower)));
    }

    @Test
    void newDirectoryTreeIsAddedEntryByEntry() throws IOException {
        file(upper, "a/b/f", "1");
        assertEquals("A /a\nA /a/b\nA /a/b/f", diff(List.of(lower)));
    }

    @Test
    void opaqueDirectoryDeletesWhatItDoesNotHoldAndComparesWhatItDoes() throws IOException {
        copyUp("usr");
        copyUp("usr/share");
        Files.createDirectories(upper.resolve("usr/share/doc"));
        Files.setLastModifiedTime(upper.resolve("usr/share/doc"), IMAGE_TIME);
        Posix.setXattr(upper.resolve("usr/share/doc"), "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
        file(upper, "usr/share/doc/b", "new b");
        file(upper, "usr/share/doc/c", "c");
        assertEquals("C /usr\nC /usr/share\nC /usr/share/doc\nD /usr/share/doc/a\nC /usr/share/doc/b\nA /usr/share/doc/c",
                diff(List.of(lower)));
    }

    @Test
    void directoryModeChangeIsModified() throws IOException {
        copyUp("tmp");
        Files.setPosixFilePermissions(upper.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals("C /tmp", diff(List.of(lower)));
    }

    @Test
    void fileReplacedByDirectoryIsModifiedAndItsContentAdded() throws IOException {
        copyUp("etc");
        Files.createDirectories(upper.resolve("etc/group"));
        file(upper, "etc/group/inner", "x");
        assertEquals("C /etc\nC /etc/group\nA /etc/group/inner", diff(List.of(lower)));
    }

    @Test
    void nameHiddenByAWhiteoutInAMiddleLayerIsAddedAgain() throws IOException {
        Path middle = Files.createDirectories(tmp.resolve("middle"));
        Files.createDirectories(middle.resolve("etc"));
        Posix.mknod(middle.resolve("etc/group"), Posix.S_IFCHR, 0, 0, 0);
        stamp(middle);
        copyUp("etc");
        file(upper, "etc/group", "again");
        assertEquals("C /etc\nA /etc/group", diff(List.of(middle, lower)));
        // the whiteout already hides it: deleting it again in the upper layer is no change
        Files.delete(upper.resolve("etc/group"));
        Posix.mknod(upper.resolve("etc/group"), Posix.S_IFCHR, 0, 0, 0);
        assertEquals("", diff(List.of(middle, lower)));
    }

    @Test
    void symlinkIsTheLinkItselfNeverItsTarget() throws IOException {
        Files.createSymbolicLink(upper.resolve("escape"), Path.of("/"));
        copyUp("tmp");
        Files.createSymbolicLink(upper.resolve("tmp/etc"), Path.of("/etc"));
        assertEquals("A /escape\nC /tmp\nA /tmp/etc", diff(List.of(lower)));
    }

    @Test
    void mountPointsOfTheInitLayerAreNoChangeButOtherMountPointsAre() throws IOException {
        copyUp("etc");
        file(upper, "etc/hosts", "");
        file(upper, "etc/resolv.conf", "");
        Files.createDirectories(upper.resolve("proc"));
        Files.createDirectories(upper.resolve("data"));
        Set<String> init = Set.of("/etc/hosts", "/etc/resolv.conf", "/proc");
        assertEquals(List.of(new FileChange("/data", FileChange.Kind.ADDED)),
                LayerChanges.between(upper, List.of(lower), init));
    }

    @Test
    void layersComeFromTheSnapshotMountsRelativeOrAbsolute() throws IOException {
        file(upper, "new", "");
        Mount relative = new Mount("overlay", "overlay",
                List.of("lowerdir=lower", "upperdir=upper", "workdir=work"), tmp);
        assertEquals(List.of(new FileChange("/new", FileChange.Kind.ADDED)), LayerChanges.of(List.of(relative), NONE));
        Mount bind = new Mount("bind", upper.toString(), List.of("rbind", "rw"));
        assertEquals(List.of(new FileChange("/new", FileChange.Kind.ADDED)), LayerChanges.of(List.of(bind), NONE));
    }

    private String diff(List<Path> lowers) {
        StringBuilder out = new StringBuilder();
        for (FileChange c : LayerChanges.between(upper, lowers, NONE)) {
            out.append(out.isEmpty() ? "" : "\n").append("CAD".charAt(c.kind().code())).append(' ').append(c.path());
        }
        return out.toString();
    }

    private static void file(Path root, String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** Image files carry whole-second times, as layers unpacked from tars do. */
    private static void stamp(Path root) throws IOException {
        try (var all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, IMAGE_TIME);
            }
        }
    }

    /** overlayfs's copy-up: the same mode, owner and times in the upper layer. */
    private void copyUp(String path) throws IOException {
        Path from = lower.resolve(path);
        Path to = upper.resolve(path);
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(to);
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
            Files.setLastModifiedTime(to, Files.getLastModifiedTime(from));
        } else {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private void whiteout(String path) throws IOException {
        Posix.mknod(upper.resolve(path), Posix.S_IFCHR, 0, 0, 0);
    }
}
