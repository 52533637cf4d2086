package dev.jcompose.runtime.image;

import dev.jcompose.runtime.fs.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Applies a tar entry's owner, mode, xattrs and mtime to what was just created for it. Owner first, mode
 * second (chown clears setuid bits), time last. Calls never open the file: opening a FIFO blocks and
 * opening a device has side effects.
 */
final class EntryMetadata {
    private static final String OVERLAY_XATTRS = "trusted.overlay.";

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
     * Extended attributes carried as PAX SCHILY.xattr records (e.g. security.capability, user.*), applied as
     * dockerd does, with one exception: trusted.overlay.* is never taken from a layer (it steers overlayfs
     * itself: a layer could fake opaque directories or redirects). Without root only user.* can be set.
     *
     * @param raw the values as bytes when the raw headers were read (binary values intact); null: the tar
     *     library's text values, where a binary value that did not survive decoding is skipped, not written wrong
     */
    static void xattrs(Path path, TarArchiveEntry entry, Map<String, byte[]> raw, boolean root,
            List<String> warnings) {
        Map<String, byte[]> values = new LinkedHashMap<>();
        if (raw != null) {
            values.putAll(raw);
        } else {
            for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
                if (!header.getKey().startsWith(PaxRecords.XATTR_PREFIX)) {
                    continue;
                }
                String name = header.getKey().substring(PaxRecords.XATTR_PREFIX.length());
                if (header.getValue().indexOf('\uFFFD') >= 0) {
                    warnings.add("skipped binary xattr " + name + " on " + entry.getName());
                    continue;
                }
                values.put(name, header.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        for (Map.Entry<String, byte[]> x : values.entrySet()) {
            String name = x.getKey();
            if (name.startsWith(OVERLAY_XATTRS) || (!root && !name.startsWith("user."))) {
                continue;
            }
            try {
                Posix.setXattr(path, name, x.getValue());
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
