package dev.jcompose.runtime.snapshot;

import dev.jcompose.runtime.fs.Posix;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;

/**
 * What a change comparison needs of one file in a layer directory (lstat: a symlink is the link itself), the
 * fields dockerd's archive changes compare: type and mode, owner, device number, and for non-directories
 * size, mtime and the file capability.
 */
record LayerEntry(int mode, int uid, int gid, long rdev, long size, FileTime mtime, byte[] capability,
        boolean opaque) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final String CAPABILITY = "security.capability";

    /** The entry at {@code path}, or null when nothing is there. */
    static LayerEntry read(Path path) {
        Map<String, Object> a;
        try {
            a = java.nio.file.Files.readAttributes(path, "unix:mode,uid,gid,rdev,size,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int mode = (Integer) a.get("mode");
        int type = mode & S_IFMT;
        return new LayerEntry(mode, (Integer) a.get("uid"), (Integer) a.get("gid"), (Long) a.get("rdev"),
                (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"),
                type == S_IFREG ? xattr(path, CAPABILITY) : null,
                type == S_IFDIR && "y".equals(text(xattr(path, "trusted.overlay.opaque"))));
    }

    private static byte[] xattr(Path path, String name) {
        try {
            return Posix.getXattrBytes(path, name);
        } catch (IOException e) {
            return null; // a file system without xattrs (or one that refuses this name) has none
        }
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    /** An overlayfs whiteout: a character device 0/0 that hides the same name in the layers below. */
    boolean isWhiteout() {
        return (mode & S_IFMT) == Posix.S_IFCHR && rdev == 0;
    }

    /**
     * Whether dockerd would report the file as modified (pkg/archive statDifferent plus the capability):
     * directories compare only type, mode, owner and device; a whole-second mtime on either side matches any
     * nanoseconds of the same second (layers from tars keep whole seconds).
     */
    boolean differsFrom(LayerEntry older) {
        if (mode != older.mode || uid != older.uid || gid != older.gid || rdev != older.rdev) {
            return true;
        }
        if (older.isDirectory()) {
            return false;
        }
        return size != older.size || !sameTime(mtime, older.mtime) || !Arrays.equals(capability, older.capability);
    }

    private static boolean sameTime(FileTime a, FileTime b) {
        java.time.Instant x = a.toInstant();
        java.time.Instant y = b.toInstant();
        return x.getEpochSecond() == y.getEpochSecond()
                && (x.getNano() == y.getNano() || x.getNano() == 0 || y.getNano() == 0);
    }
}
