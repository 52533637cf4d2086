package dev.jcompose.runtime.image;

import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.fs.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The size of a layer as dockerd reports it ({@code docker images}, {@code history}, {@code system df}): the
 * bytes of the files the layer holds — regular files and symlinks (a symlink's size is its target's length),
 * directories not counted, a hard link counted once — not the size of its tar, which adds 512-byte headers and
 * padding (a one-line file is "8B" on dockerd and would be "2.05kB" as tar bytes).
 *
 * <p>Derived data, computed from the layer blob once and kept under {@code images/layer-sizes/<diffid hex>}
 * (so a big image is not read again at every {@code docker images}); a missing or torn file is recomputed.
 * A record goes with its layer: {@link #retainOnly} when an image is removed and at the start-up collection.
 */
final class LayerSizes {
    private static final System.Logger LOG = System.getLogger(LayerSizes.class.getName());
    private final Path dir;
    private final ContentStore content;
    private final Map<Digest, Long> known = new ConcurrentHashMap<>();

    LayerSizes(Path imagesDir, ContentStore content) {
        this.dir = imagesDir.resolve("layer-sizes");
        this.content = content;
    }

    long of(ImageRecord.Layer layer) {
        Long size = known.get(layer.diffId());
        if (size == null) {
            size = stored(layer.diffId());
            if (size == null) {
                size = measure(layer);
                store(layer.diffId(), size);
            }
            known.put(layer.diffId(), size);
        }
        return size;
    }

    long of(ImageRecord record) {
        return record.layers().stream().mapToLong(this::of).sum();
    }

    /**
     * Deletes the size records of layers not in {@code diffIds} (and temp files a crash left); returns the diff
     * ids (hex) of the records removed. Plain files only, never followed: the directory is the store's own.
     */
    List<String> retainOnly(Set<Digest> diffIds) {
        Set<String> keep = new HashSet<>();
        diffIds.forEach(d -> keep.add(d.hex()));
        known.keySet().removeIf(d -> !diffIds.contains(d));
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return removed;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!keep.contains(name) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(file);
                    removed.add(name);
                }
            }
        } catch (IOException e) {
            // only a cache: what stays is removed at the next collection
            LOG.log(System.Logger.Level.WARNING, "cannot clean " + dir + ": " + e.getMessage());
        }
        return removed;
    }

    private Long stored(Digest diffId) {
        Path file = dir.resolve(diffId.hex());
        try {
            return Files.isRegularFile(file) ? Long.parseLong(Files.readString(file).strip()) : null;
        } catch (IOException | NumberFormatException e) {
            return null; // torn or foreign: measured again and rewritten
        }
    }

    private void store(Digest diffId, long size) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve(diffId.hex()), Long.toString(size).getBytes(StandardCharsets.US_ASCII), false);
        } catch (IOException | RuntimeException e) {
            // only a cache: the size is measured again next time
            LOG.log(System.Logger.Level.WARNING, "cannot keep the size of layer " + diffId + ": " + e.getMessage());
        }
    }

    /** Falls back to the tar size when the blob cannot be read (the size is informational). */
    private long measure(ImageRecord.Layer layer) {
        if (!content.exists(layer.blob())) {
            return layer.uncompressedSize();
        }
        try (InputStream in = Compression.decompress(content.open(layer.blob()));
                TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name())) {
            long total = 0;
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isSymbolicLink()) {
                    total += e.getLinkName().getBytes(StandardCharsets.UTF_8).length;
                } else if (e.isFile() && !e.isLink()) {
                    total += e.getSize();
                }
            }
            return total;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot measure layer " + layer.blob() + ": " + e.getMessage());
            return layer.uncompressedSize();
        }
    }
}
