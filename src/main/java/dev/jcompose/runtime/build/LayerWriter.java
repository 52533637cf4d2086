package dev.jcompose.runtime.build;

import dev.jcompose.runtime.content.BlobInfo;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.ContentWriter;
import dev.jcompose.runtime.fs.Posix;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.image.LayerUnpacker;
import dev.jcompose.runtime.image.MediaTypes;
import dev.jcompose.runtime.image.PaxRecords;
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
 * numeric owners only, so the same tree gives the same tar. A file capability goes into a PAX header written
 * here as raw bytes (see {@link LayerXattrs}, {@link PaxRecords}). Returns null when the tree holds nothing
 * (Docker then records an empty layer: history only).
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
        LayerXattrs.dropUnkept(path);
        byte[] capability = type == S_IFLNK ? null : LayerXattrs.capability(path);
        TarArchiveEntry e;
        switch (type) {
            case S_IFDIR -> {
                e = new TarArchiveEntry(name + "/");
                put(e, S_IFDIR | (mode & 07777), a, mtime, capability);
                if ("y".equals(Posix.getXattr(path, LayerUnpacker.OPAQUE_XATTR))) {
                    put(new TarArchiveEntry(name + "/.wh..wh..opq"), 0, 0, 0, mtime);
                }
                walk(path, name + "/");
            }
            case S_IFLNK -> {
                e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(path).toString());
                put(e, S_IFLNK | (mode & 07777), a, mtime, null);
            }
            case S_IFREG -> {
                String inode = a.get("dev") + ":" + a.get("ino");
                String first = (Integer) a.get("nlink") > 1 ? linksByInode.putIfAbsent(inode, name) : null;
                if (first != null) {
                    e = new TarArchiveEntry(name, TarConstants.LF_LINK);
                    e.setLinkName(first);
                    put(e, S_IFREG | (mode & 07777), a, mtime, capability);
                    return;
                }
                e = new TarArchiveEntry(name);
                e.setSize((Long) a.get("size"));
                e.setMode(S_IFREG | (mode & 07777));
                e.setIds((Integer) a.get("uid"), (Integer) a.get("gid"));
                e.setModTime(mtime);
                tar.putArchiveEntry(withXattrs(e, capability));
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
                put(e, type | (mode & 07777), a, mtime, capability);
            }
            default -> { } // sockets do not go into layers
        }
    }

    /**
     * With a capability (the entry's fields all set): writes the entry's PAX header itself (the tar library would
     * write the value as UTF-8 text, corrupting bytes >= 0x80) and returns the entry in a form for which the
     * library adds no second PAX header (Go's and most readers keep only the last one): a short ASCII name and
     * whole-second times, the real names and the exact mtime being in this header.
     */
    private TarArchiveEntry withXattrs(TarArchiveEntry e, byte[] capability) throws IOException {
        if (capability == null) {
            return e;
        }
        Map<String, byte[]> records = new java.util.LinkedHashMap<>();
        records.put("path", e.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!e.getLinkName().isEmpty()) {
            records.put("linkpath", e.getLinkName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        FileTime mtime = e.getLastModifiedTime();
        java.time.Instant exact = mtime.toInstant();
        if (exact.getNano() != 0) {
            String fraction = String.format("%09d", exact.getNano()).replaceAll("0+$", "");
            records.put("mtime", (exact.getEpochSecond() + "." + fraction).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        records.put(PaxRecords.XATTR_PREFIX + LayerXattrs.CAPABILITY, capability);
        byte[] body = PaxRecords.encode(records);
        FileTime seconds = FileTime.from(exact.getEpochSecond(), java.util.concurrent.TimeUnit.SECONDS);
        TarArchiveEntry header = new TarArchiveEntry("PaxHeaders.0/" + shortName(e.getName()),
                TarConstants.LF_PAX_EXTENDED_HEADER_LC);
        header.setSize(body.length);
        header.setModTime(seconds);
        tar.putArchiveEntry(header);
        tar.write(body);
        tar.closeArchiveEntry();
        e.setModTime(seconds);
        if (!fitsUstar(e.getName()) || !fitsUstar(e.getLinkName())) {
            TarArchiveEntry renamed = new TarArchiveEntry(shortName(e.getName()) + (e.isDirectory() ? "/" : ""),
                    e.getLinkFlag());
            renamed.setLinkName(e.getLinkName().isEmpty() ? "" : shortName(e.getLinkName()));
            renamed.setSize(e.getSize());
            renamed.setMode(e.getMode());
            renamed.setIds((int) e.getLongUserId(), (int) e.getLongGroupId());
            renamed.setModTime(e.getLastModifiedTime());
            renamed.setDevMajor(e.getDevMajor());
            renamed.setDevMinor(e.getDevMinor());
            return renamed;
        }
        return e;
    }

    private static boolean fitsUstar(String name) {
        return name.length() < 100 && name.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** An ASCII stand-in of at most 60 characters; readers take the name from the PAX header. */
    private static String shortName(String name) {
        String base = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return base.length() > 60 ? base.substring(0, 60) : base;
    }

    private void put(TarArchiveEntry e, int mode, Map<String, Object> a, FileTime mtime, byte[] capability)
            throws IOException {
        put(e, mode, (Integer) a.get("uid"), (Integer) a.get("gid"), mtime, capability);
    }

    private void put(TarArchiveEntry e, int mode, int uid, int gid, FileTime mtime) throws IOException {
        put(e, mode, uid, gid, mtime, null);
    }

    private void put(TarArchiveEntry e, int mode, int uid, int gid, FileTime mtime, byte[] capability)
            throws IOException {
        e.setMode(mode == 0 ? 0100000 : mode);
        e.setIds(uid, gid);
        e.setModTime(mtime);
        tar.putArchiveEntry(withXattrs(e, capability));
        tar.closeArchiveEntry();
        entries++;
    }
}
