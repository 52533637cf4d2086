package dev.jcompose.runtime.image;

import dev.jcompose.runtime.fs.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Applies a tar entry's owner, mode, xattrs and mtime to what was just created for it. Owner first, mode
 * second (chown clears setuid bits), time last. Calls never open the file: opening a FIFO blocks and
 * opening a device has side effects.
 */
final class EntryMetadata {
    private static final String XATTR_PREFIX = "SCHILY.xattr.";

    private EntryMetadata() {
    }

    /** Owner: lchown, so a symlink keeps the link's own owner. Only root may give files away. */
    static void owner(Path path, TarArchiveEntry entry, boolean root) throws IOException {
        if (!root) {
            return;
        }
        Posix.lchown(path, entry.getLongUserId(), entry.getLongGroupId());
    }

    /**
     * Permission bits incl. setuid/setgid/sticky. Linux has no lchmod; the path's last component is known
     * not to be a symlink here (symlinks are skipped by the caller), so chmod by path is safe.
     */
    static void mode(Path path, int mode) throws IOException {
        Posix.chmod(path, mode);
    }

    /**
     * Extended attributes carried as PAX SCHILY.xattr records (e.g. security.capability). trusted.* is
     * never taken from a layer (it steers overlayfs itself); values that did not survive the tar library's
     * text decoding are skipped rather than written wrong.
     */
    static void xattrs(Path path, TarArchiveEntry entry, boolean root, List<String> warnings) {
        for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
            if (!header.getKey().startsWith(XATTR_PREFIX)) {
                continue;
            }
            String name = header.getKey().substring(XATTR_PREFIX.length());
            String value = header.getValue();
            if (name.startsWith("trusted.") || (!root && !name.startsWith("user."))) {
                continue;
            }
            if (value.indexOf('\uFFFD') >= 0) {
                warnings.add("skipped binary xattr " + name + " on " + entry.getName());
                continue;
            }
            try {
                Posix.setXattr(path, name, value.getBytes(StandardCharsets.UTF_8));
            } catch (IOException | UnsatisfiedLinkError e) {
                warnings.add("cannot set xattr " + name + " on " + entry.getName() + ": " + e.getMessage());
            }
        }
    }

    /** mtime (and atime = mtime, so the tree is the same on every unpack); never follows a symlink. */
    static void times(Path path, FileTime mtime) throws IOException {
        Posix.setTimes(path, mtime, mtime);
    }
}
