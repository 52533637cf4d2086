package dev.jcompose.runtime.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tars of a view name their entries like dockerd's archive endpoint and walk into mounts. */
class TreeTarTest {
    @TempDir
    Path tmp;
    Path root;
    Path volume;
    FsView view;

    @BeforeEach
    void tree() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        volume = Files.createDirectories(tmp.resolve("volume"));
        Files.createDirectories(root.resolve("etc/vol"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/:/bin/sh\n");
        Files.createSymbolicLink(root.resolve("etc/link"), Path.of("/etc/passwd"));
        Files.writeString(volume.resolve("in-volume"), "v");
        Files.createLink(root.resolve("etc/hard"), root.resolve("etc/passwd"));
        view = new FsView(root, true, List.of(new FsView.Mount("/etc/vol", volume, true)));
    }

    private List<String> names(String path, String rebase, boolean skipTop) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TreeTar.write(view, view.resolve(path, false), rebase, skipTop, out);
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName()
                        : e.isLink() ? " link " + e.getLinkName() : e.isFile() ? " " + e.getSize() : ""));
            }
        }
        return names;
    }

    @Test
    void aDirectoryIsItsOwnTopEntryAndMountsAreWalkedInto() throws Exception {
        assertEquals(List.of("etc/", "etc/hard 22", "etc/link -> /etc/passwd", "etc/passwd link etc/hard",
                "etc/vol/", "etc/vol/in-volume 1"), names("/etc", "etc", false));
    }

    @Test
    void dotNamesEntriesFromDotAndExportSkipsTheTop() throws Exception {
        assertEquals("./", names("/etc", ".", false).get(0));
        assertEquals("etc/", names("/", "", true).get(0));
        assertEquals(List.of("/", "/etc/"), names("/", "/", false).subList(0, 2));
    }

    @Test
    void aSymlinkIsArchivedAsALink() throws Exception {
        assertEquals(List.of("link -> /etc/passwd"), names("/etc/link", "link", false));
    }
}
