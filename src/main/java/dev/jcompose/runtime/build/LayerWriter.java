package dev.jcompose.runtime.build;

import dev.jcompose.runtime.content.BlobInfo;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.ContentWriter;
import dev.jcompose.runtime.fs.Posix;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.image.LayerUnpacker;
import dev.jcompose.runtime.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * An overlay upper directory → a layer tar in the content store, in Docker's layer format: overlay whiteouts
 * (char device 0/0) become {@code .wh.<name>} files, opaque directories ({@code trusted.overlay.opaque=y}) get a
 * {@code .wh..wh..opq} entry, hard links inside the layer stay links. Entries are sorted by name and carry
 * numeric owners only, so the same tree gives the same tar. Returns null when the tree holds nothing (Docker
 * then records an empty layer: history only).
 */
final class LayerWriter {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private final Path root;
    private final Set<String> skip;
    private final Map<String, String> linksByInode = new HashMap<>();
    private TarArchiveOutputStream tar;
    private int entries;

    /** @param skip relative paths left out of the layer (mount points runc made for a RUN step) */
    private LayerWriter(Path root, Set<String> skip) {
        this.root = root;
        this.skip = skip;
    }

    static ImageRecord.Layer write(Path upper, Set<String> skip, ContentStore content) {
        LayerWriter w = new LayerWriter(upper, skip);
        try (ContentWriter out = content.writer()) {
            w.tar = new TarArchiveOutputStream(out, "UTF-8");
            w.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            w.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            w.tar.setAddPaxHeadersForNonAsciiNames(true);
            w.walk(upper, "");
            w.tar.finish();
            w.tar.flush();
            if (w.entries == 0) {
                return null;
            }
            BlobInfo blob = out.commit(null, -1);
            return new ImageRecord.Layer(blob.digest(), MediaTypes.OCI_LAYER, blob.size(), blob.digest(), blob.size());
        } catch (IOException e) {
            throw new BuildException("cannot write the layer of " + upper + ": " + e.getMessage());
        }
    }

    private void walk(Path dir, String prefix) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
        for (Path child : children) {
            String name = prefix + child.getFileName();
            if (skip.contains(name)) {
                continue;
            }
            entry(child, name);
        }
    }

    private void entry(Path path, String name) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime,ino,dev,rdev,nlink",
                NOFOLLOW);
        int mode = (Integer) a.get("mode");
        int type = mode & S_IFMT;
        FileTime mtime = (FileTime) a.get("lastModifiedTime");
        if (type == Posix.S_IFCHR && (Long) a.get("rdev") == 0) {
            int slash = name.lastIndexOf('/');
            String whiteout = name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1);
            put(new TarArchiveEntry(whiteout), 0, 0, 0, mtime);
            return;
        }
        TarArchiveEntry e;
        switch (type) {
            case S_IFDIR -> {
                e = new TarArchiveEntry(name + "/");
                put(e, S_IFDIR | (mode & 07777), a, mtime);
                if ("y".equals(Posix.getXattr(path, LayerUnpacker.OPAQUE_XATTR))) {
                    put(new TarArchiveEntry(name + "/.wh..wh..opq"), 0, 0, 0, mtime);
                }
                walk(path, name + "/");
            }
            case S_IFLNK -> {
                e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(path).toString());
                put(e, S_IFLNK | (mode & 07777), a, mtime);
            }
            case S_IFREG -> {
                String inode = a.get("dev") + ":" + a.get("ino");
                String first = (Integer) a.get("nlink") > 1 ? linksByInode.putIfAbsent(inode, name) : null;
                if (first != null) {
                    e = new TarArchiveEntry(name, TarConstants.LF_LINK);
                    e.setLinkName(first);
                    put(e, S_IFREG | (mode & 07777), a, mtime);
                    return;
                }
                e = new TarArchiveEntry(name);
                e.setSize((Long) a.get("size"));
                e.setMode(S_IFREG | (mode & 07777));
                e.setIds((Integer) a.get("uid"), (Integer) a.get("gid"));
                e.setModTime(mtime);
                tar.putArchiveEntry(e);
                try (InputStream in = Files.newInputStream(path, NOFOLLOW)) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
                entries++;
            }
            case Posix.S_IFCHR, Posix.S_IFBLK, Posix.S_IFIFO -> {
                e = new TarArchiveEntry(name, type == Posix.S_IFIFO ? TarConstants.LF_FIFO
                        : type == Posix.S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK);
                long rdev = (Long) a.get("rdev");
                e.setDevMajor((int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL)));
                e.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL)));
                put(e, type | (mode & 07777), a, mtime);
            }
            default -> { } // sockets do not go into layers
        }
    }

    private void put(TarArchiveEntry e, int mode, Map<String, Object> a, FileTime mtime) throws IOException {
        put(e, mode, (Integer) a.get("uid"), (Integer) a.get("gid"), mtime);
    }

    private void put(TarArchiveEntry e, int mode, int uid, int gid, FileTime mtime) throws IOException {
        e.setMode(mode == 0 ? 0100000 : mode);
        e.setIds(uid, gid);
        e.setModTime(mtime);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        entries++;
    }
}
