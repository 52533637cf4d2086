package dev.jcompose.runtime.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * The few system calls the JDK does not offer: device nodes (overlayfs whiteouts are char devices 0/0),
 * xattrs outside the {@code user.} namespace (overlayfs opaque directories use {@code trusted.overlay.opaque})
 * and the effective uid. Every call acts on the path itself, never on a symlink's target (l* variants, and
 * mknod creates rather than follows).
 */
public final class Posix {
    public static final int S_IFIFO = 0010000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;
    private static final int ENODATA = 61;

    private interface LibC extends Library {
        int mknod(String path, int mode, long dev) throws LastErrorException;

        int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

        long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;

        long llistxattr(String path, byte[] list, long size) throws LastErrorException;

        int lremovexattr(String path, String name) throws LastErrorException;

        int geteuid();

        int lchown(String path, int uid, int gid) throws LastErrorException;

        int chmod(String path, int mode) throws LastErrorException;

        int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;
    }

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    private Posix() {
    }

    public static boolean isRoot() {
        return Holder.LIBC.geteuid() == 0;
    }

    /** Creates a char/block device or FIFO; {@code type} is one of the S_IF* constants. */
    public static void mknod(Path path, int type, int permissions, long major, long minor) throws IOException {
        try {
            Holder.LIBC.mknod(path.toString(), type | (permissions & 07777), makedev(major, minor));
        } catch (LastErrorException e) {
            throw new IOException("mknod " + path + ": errno " + e.getErrorCode());
        }
    }

    /** Owner of the path itself (a symlink keeps its target's owner). */
    public static void lchown(Path path, long uid, long gid) throws IOException {
        try {
            Holder.LIBC.lchown(path.toString(), (int) uid, (int) gid);
        } catch (LastErrorException e) {
            throw new IOException("lchown " + path + ": errno " + e.getErrorCode());
        }
    }

    /**
     * Permission bits incl. setuid/setgid/sticky, by path: unlike the JDK's no-follow variant it does not
     * open the file, which would block on a FIFO. The caller knows the last component is no symlink.
     */
    public static void chmod(Path path, int mode) throws IOException {
        try {
            Holder.LIBC.chmod(path.toString(), mode & 07777);
        } catch (LastErrorException e) {
            throw new IOException("chmod " + path + ": errno " + e.getErrorCode());
        }
    }

    /** Sets atime and mtime of the path itself, without opening it (the JDK opens: a FIFO would block). */
    public static void setTimes(Path path, FileTime atime, FileTime mtime) throws IOException {
        long[] times = {atime.to(TimeUnit.SECONDS), nanos(atime), mtime.to(TimeUnit.SECONDS), nanos(mtime)};
        try {
            Holder.LIBC.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw new IOException("utimensat " + path + ": errno " + e.getErrorCode());
        }
    }

    private static long nanos(FileTime time) {
        return Math.floorMod(time.to(TimeUnit.NANOSECONDS), 1_000_000_000L);
    }

    public static void setXattr(Path path, String name, byte[] value) throws IOException {
        try {
            Holder.LIBC.lsetxattr(path.toString(), name, value, value.length, 0);
        } catch (LastErrorException e) {
            throw new IOException("setxattr " + name + " on " + path + ": errno " + e.getErrorCode());
        }
    }

    /** The xattr's value as text, or null when the file has no such attribute. */
    public static String getXattr(Path path, String name) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            long length = Holder.LIBC.lgetxattr(path.toString(), name, buffer, buffer.length);
            return new String(buffer, 0, (int) length, StandardCharsets.UTF_8);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENODATA) {
                return null;
            }
            throw new IOException("getxattr " + name + " on " + path + ": errno " + e.getErrorCode());
        }
    }

    /** The value's bytes as stored (capabilities are binary), or null when the file has no such attribute. */
    public static byte[] getXattrBytes(Path path, String name) throws IOException {
        byte[] buffer = new byte[65536]; // XATTR_SIZE_MAX
        try {
            long length = Holder.LIBC.lgetxattr(path.toString(), name, buffer, buffer.length);
            return java.util.Arrays.copyOf(buffer, (int) length);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENODATA) {
                return null;
            }
            throw new IOException("getxattr " + name + " on " + path + ": errno " + e.getErrorCode());
        }
    }

    /** The names of the path's extended attributes (those this process may see); empty when it has none. */
    public static java.util.List<String> listXattrs(Path path) throws IOException {
        byte[] buffer = new byte[65536]; // XATTR_LIST_MAX
        long length;
        try {
            length = Holder.LIBC.llistxattr(path.toString(), buffer, buffer.length);
        } catch (LastErrorException e) {
            throw new IOException("listxattr " + path + ": errno " + e.getErrorCode());
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == 0) {
                if (i > start) {
                    names.add(new String(buffer, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }

    public static void removeXattr(Path path, String name) throws IOException {
        try {
            Holder.LIBC.lremovexattr(path.toString(), name);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != ENODATA) {
                throw new IOException("removexattr " + name + " on " + path + ": errno " + e.getErrorCode());
            }
        }
    }

    /** glibc's makedev (the st_rdev of major:minor): 12 bits of major and 8 of minor low, the rest above. */
    public static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }
}
