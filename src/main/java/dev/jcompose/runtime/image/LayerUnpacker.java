package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.fs.Posix;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks one layer tar (plain, gzip, zstd) into a directory. Whiteouts are either converted to overlayfs
 * form ({@link WhiteoutMode#OVERLAY}: {@code .wh.x} → char device 0/0 named x, {@code .wh..wh..opq} →
 * {@code trusted.overlay.opaque=y} on the directory), for a layer that becomes an overlay lowerdir, or
 * applied to the directory's existing content ({@link WhiteoutMode#APPLY}), for a directory that already
 * holds the layers below. Writes never leave the directory (see {@link SafeTree}). The result carries the
 * digest of the uncompressed tar, which must equal the layer's diff_id.
 */
public final class LayerUnpacker {
    public enum WhiteoutMode { OVERLAY, APPLY }

    /** diffId: sha256 of the uncompressed tar; size: its length in bytes. */
    public record Result(Digest diffId, long size, List<String> warnings) {
    }

    public static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";

    private final SafeTree tree;
    private final WhiteoutMode mode;
    private final boolean root;
    private final List<String> warnings = new ArrayList<>();
    private final Set<Path> written = new HashSet<>();
    private final Map<Path, TarArchiveEntry> directories = new LinkedHashMap<>();
    private final Map<Path, FileTime> touchedMtimes = new LinkedHashMap<>();
    /** The current entry's xattrs as raw bytes, or null when only the tar library's text values are known. */
    private Map<String, byte[]> rawXattrs;

    private LayerUnpacker(Path target, WhiteoutMode mode) {
        this.tree = new SafeTree(target);
        this.mode = mode;
        this.root = Posix.isRoot();
    }

    /** Unpacks {@code layer} into the existing directory {@code target}. */
    public static Result unpack(InputStream layer, Path target, WhiteoutMode mode) {
        try {
            return new LayerUnpacker(target, mode).run(layer);
        } catch (IOException e) {
            throw RuntimeError.internal("cannot unpack layer into " + target + ": " + e.getMessage(), e);
        }
    }

    private Result run(InputStream layer) throws IOException {
        HashingInputStream hashing = new HashingInputStream(Compression.decompress(layer));
        RawPaxTap tap = new RawPaxTap(hashing);
        TarArchiveInputStream tar = new TarArchiveInputStream(tap, StandardCharsets.UTF_8.name());
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            rawXattrs = tap.xattrsOf(entry.getName());
            apply(entry, tar);
        }
        // The diff_id covers the whole stream, end-of-archive blocks and padding included.
        hashing.drain();
        finishDirectories();
        return new Result(hashing.digest(), hashing.count(), List.copyOf(warnings));
    }

    private void apply(TarArchiveEntry entry, InputStream content) throws IOException {
        List<String> parts = SafeTree.clean(entry.getName());
        if (parts.isEmpty()) {
            return; // the layer's root directory itself: the snapshot owns its root's attributes
        }
        String base = parts.get(parts.size() - 1);
        List<String> parentParts = parts.subList(0, parts.size() - 1);
        if (base.startsWith(WHITEOUT_PREFIX)) {
            whiteout(entry, parentParts, base);
            return;
        }
        Path parent = tree.directory(parentParts, true, entry.getName());
        touch(parent);
        Path target = parent.resolve(base);
        BasicFileAttributes existing = SafeTree.lstat(target);
        boolean mergeDirectory = entry.isDirectory() && existing != null && existing.isDirectory();
        if (existing != null && !mergeDirectory && !entry.isLink()) {
            SafeTree.deleteRecursively(target);
        }
        if (!create(entry, target, content, mergeDirectory)) {
            return;
        }
        written.add(target);
        if (entry.isDirectory()) {
            directories.put(target, entry); // mode and mtime once its children are in
            EntryMetadata.owner(target, entry, root);
            EntryMetadata.xattrs(target, entry, rawXattrs, root, warnings);
        } else if (!entry.isLink()) {
            EntryMetadata.owner(target, entry, root);
            if (!entry.isSymbolicLink()) {
                EntryMetadata.mode(target, entry.getMode());
                EntryMetadata.xattrs(target, entry, rawXattrs, root, warnings);
            }
            EntryMetadata.times(target, entry.getLastModifiedTime());
        }
    }

    /** Creates the file system object; false when the entry was skipped. */
    private boolean create(TarArchiveEntry entry, Path target, InputStream content, boolean merge) throws IOException {
        if (entry.isDirectory()) {
            if (!merge) {
                Files.createDirectory(target);
            }
        } else if (entry.isSymbolicLink()) {
            if (entry.getLinkName().isEmpty()) {
                warnings.add("skipped symlink with an empty target: " + entry.getName());
                return false;
            }
            // The link text is stored verbatim: a link may point anywhere, it is only never followed here.
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            hardlink(entry, target);
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            if (!root) {
                warnings.add("skipped device " + entry.getName() + " (needs root)");
                return false;
            }
            int type = entry.isCharacterDevice() ? Posix.S_IFCHR : Posix.S_IFBLK;
            Posix.mknod(target, type, entry.getMode(), entry.getDevMajor(), entry.getDevMinor());
        } else if (entry.isFIFO()) {
            Posix.mknod(target, Posix.S_IFIFO, entry.getMode(), 0, 0);
        } else if (entry.isFile()) {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                content.transferTo(out);
            }
        } else {
            warnings.add("skipped unsupported tar entry type '" + (char) entry.getLinkFlag() + "': " + entry.getName());
            return false;
        }
        return true;
    }

    /** A hard link's target must be a non-directory already inside this tree, reached without symlinks. */
    private void hardlink(TarArchiveEntry entry, Path target) throws IOException {
        List<String> linkParts = SafeTree.clean(entry.getLinkName());
        if (linkParts.isEmpty()) {
            throw RuntimeError.badRequest("layer entry \"" + entry.getName() + "\": hard link to the layer root");
        }
        Path linkParent = tree.directory(linkParts.subList(0, linkParts.size() - 1), false, entry.getName());
        Path source = linkParent == null ? null : linkParent.resolve(linkParts.get(linkParts.size() - 1));
        BasicFileAttributes sourceAttributes = source == null ? null : SafeTree.lstat(source);
        if (sourceAttributes == null || sourceAttributes.isDirectory()) {
            throw RuntimeError.badRequest("layer entry \"" + entry.getName() + "\": hard link target \""
                    + entry.getLinkName() + "\" is not a file inside the layer");
        }
        if (source.equals(target)) {
            return;
        }
        SafeTree.deleteRecursively(target);
        // link(2) does not follow a symlink source on Linux: the new name is a link to the symlink itself.
        Files.createLink(target, source);
    }

    private void whiteout(TarArchiveEntry entry, List<String> parentParts, String base) throws IOException {
        if (base.equals(OPAQUE_MARKER)) {
            opaque(entry, parentParts);
            return;
        }
        if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
            return; // aufs metadata (.wh..wh.plnk and friends): nothing to do on overlayfs
        }
        String hidden = base.substring(WHITEOUT_PREFIX.length());
        if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
            throw RuntimeError.badRequest("invalid whiteout entry \"" + entry.getName() + "\"");
        }
        if (mode == WhiteoutMode.APPLY) {
            Path parent = tree.directory(parentParts, false, entry.getName());
            if (parent != null) {
                touch(parent);
                SafeTree.deleteRecursively(parent.resolve(hidden));
            }
            return;
        }
        Path parent = tree.directory(parentParts, true, entry.getName());
        Path target = parent.resolve(hidden);
        SafeTree.deleteRecursively(target);
        if (!root) {
            throw new RuntimeError(500, "overlay whiteouts need root: " + entry.getName());
        }
        Posix.mknod(target, Posix.S_IFCHR, 0, 0, 0);
        EntryMetadata.owner(target, entry, true);
        written.add(target);
    }

    private void opaque(TarArchiveEntry entry, List<String> dirParts) throws IOException {
        if (mode == WhiteoutMode.OVERLAY) {
            Path dir = tree.directory(dirParts, true, entry.getName());
            Posix.setXattr(dir, OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        Path dir = tree.directory(dirParts, false, entry.getName());
        if (dir != null) {
            touch(dir);
            removeAllNotWritten(dir);
        }
    }

    /** An opaque directory hides everything from below; what this layer already put there stays. */
    private void removeAllNotWritten(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        for (Path child : children) {
            if (!written.contains(child)) {
                SafeTree.deleteRecursively(child);
            } else {
                BasicFileAttributes attributes = SafeTree.lstat(child);
                if (attributes != null && attributes.isDirectory()) {
                    removeAllNotWritten(child);
                }
            }
        }
    }

    /** Remembers the mtime of a directory from below before this layer changes its entries. */
    private void touch(Path dir) throws IOException {
        if (mode == WhiteoutMode.APPLY && !written.contains(dir) && !tree.createdParents().contains(dir)
                && !touchedMtimes.containsKey(dir)) {
            BasicFileAttributes attributes = SafeTree.lstat(dir);
            touchedMtimes.put(dir, attributes.lastModifiedTime());
        }
    }

    /**
     * Directory modes and times go last: adding a child changes a directory's mtime, and a read-only
     * directory mode would stop a non-root unpack from adding children. Directories that only this unpack
     * created (missing parents) get the epoch, so two unpacks of one layer give the same tree.
     */
    private void finishDirectories() throws IOException {
        for (Path created : tree.createdParents()) {
            if (!directories.containsKey(created) && Files.isDirectory(created, LinkOption.NOFOLLOW_LINKS)) {
                EntryMetadata.times(created, FileTime.fromMillis(0));
            }
        }
        for (Map.Entry<Path, FileTime> touched : touchedMtimes.entrySet()) {
            if (!directories.containsKey(touched.getKey()) && Files.isDirectory(touched.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                EntryMetadata.times(touched.getKey(), touched.getValue());
            }
        }
        for (Map.Entry<Path, TarArchiveEntry> dir : directories.entrySet()) {
            if (Files.isDirectory(dir.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                EntryMetadata.mode(dir.getKey(), dir.getValue().getMode());
                EntryMetadata.times(dir.getKey(), dir.getValue().getLastModifiedTime());
            }
        }
    }
}
