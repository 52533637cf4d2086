package dev.jcompose.runtime.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction follows dockerd's rules and never writes outside the container's view. */
class TarExtractTest {
    @TempDir
    Path tmp;
    Path root;
    Path volume;
    Path outside;
    FsView view;

    @BeforeEach
    void tree() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        volume = Files.createDirectories(tmp.resolve("volume"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("ro"));
        view = new FsView(root, true, List.of(new FsView.Mount("/data", volume, true),
                new FsView.Mount("/ro", volume, false)));
    }

    private void extract(String dest, TarBuilder tar) throws Exception {
        FsView.Located at = view.resolve(dest, true);
        TarExtract.extract(view, at.components(), new ByteArrayInputStream(tar.build()), false, null);
    }

    @Test
    void filesDirectoriesAndLinksLandInTheDestination() throws Exception {
        extract("/tmp", new TarBuilder().dir("d", 0750).file("d/f", "x", 0640).symlink("d/l", "f")
                .file("/abs/name", "y", 0644));
        assertEquals("x", Files.readString(root.resolve("tmp/d/f")));
        assertEquals("f", Files.readSymbolicLink(root.resolve("tmp/d/l")).toString());
        assertEquals("y", Files.readString(root.resolve("tmp/abs/name")), "a leading / is dropped, like dockerd");
        assertEquals("rwxr-x---", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("tmp/d"))));
    }

    @Test
    void aMountUnderTheDestinationTakesItsPart() throws Exception {
        extract("/", new TarBuilder().file("data/in-volume", "v", 0644));
        assertEquals("v", Files.readString(volume.resolve("in-volume")));
        assertFalse(Files.exists(root.resolve("data/in-volume")));
    }

    @Test
    void dotDotAboveTheDestinationIsRefused() {
        RuntimeError e = assertThrows(RuntimeError.class,
                () -> extract("/tmp", new TarBuilder().file("../../escape", "x", 0644)));
        assertTrue(e.getMessage().contains("is outside of \"/tmp\""), e.getMessage());
        try (var s = Files.walk(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().equals("escape")));
        } catch (java.io.IOException io) {
            throw new AssertionError(io);
        }
    }

    @Test
    void anAbsoluteSymlinkIsFollowedInsideTheContainerNotOnTheHost() throws Exception {
        extract("/tmp", new TarBuilder().symlink("lnk", outside.toString()).file("lnk/planted", "p", 0644)
                .symlink("etc", "/etc").file("etc/via", "e", 0644));
        assertFalse(Files.exists(outside.resolve("planted")), "the host directory the link names is untouched");
        assertEquals("p", Files.readString(root.resolve(outside.toString().substring(1) + "/planted")),
                "written at that path inside the container's root");
        assertEquals("e", Files.readString(root.resolve("etc/via")));
    }

    @Test
    void relativeSymlinksAndHardLinksAboveTheDestinationAreRefused() throws Exception {
        RuntimeError link = assertThrows(RuntimeError.class,
                () -> extract("/tmp", new TarBuilder().symlink("rel", "../../..")));
        assertTrue(link.getMessage().contains("invalid symlink"), link.getMessage());
        RuntimeError hard = assertThrows(RuntimeError.class,
                () -> extract("/tmp", new TarBuilder().hardlink("hl", "../etc/passwd")));
        assertTrue(hard.getMessage().contains("invalid hardlink"), hard.getMessage());
        assertFalse(Files.exists(root.resolve("tmp/rel"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void readOnlyMountsAndRootsRefuseWrites() {
        RuntimeError ro = assertThrows(RuntimeError.class, () -> extract("/", new TarBuilder().file("ro/x", "x", 0644)));
        assertEquals("mounted volume is marked read-only", ro.getMessage());
        view = new FsView(root, false, List.of(new FsView.Mount("/data", volume, true)));
        RuntimeError rootRo = assertThrows(RuntimeError.class,
                () -> extract("/tmp", new TarBuilder().file("x", "x", 0644)));
        assertEquals("container rootfs is marked read-only", rootRo.getMessage());
    }

    @Test
    void noOverwriteDirNonDirKeepsADirectoryFromBecomingAFile() throws Exception {
        Files.createDirectories(root.resolve("tmp/taken"));
        FsView.Located at = view.resolve("/tmp", true);
        RuntimeError e = assertThrows(RuntimeError.class, () -> TarExtract.extract(view, at.components(),
                new ByteArrayInputStream(new TarBuilder().file("taken", "x", 0644).build()), true, null));
        assertTrue(e.getMessage().startsWith("cannot overwrite directory"), e.getMessage());
        extract("/tmp", new TarBuilder().file("taken", "x", 0644));
        assertEquals("x", Files.readString(root.resolve("tmp/taken")), "without the flag it is replaced");
    }
}
