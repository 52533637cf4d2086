package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.snapshot.Kind;
import dev.jcompose.runtime.snapshot.Mount;
import dev.jcompose.runtime.snapshot.SnapshotInfo;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an image's layers into committed snapshots named by chain id (containerd's naming: the chain id
 * of L1 is its diff id, of Ln is sha256("chain(n-1) diff(n)")), so images sharing bottom layers share
 * snapshots. A layer is written straight into the directory behind its snapshot's mounts, never through a
 * mount: an overlay mount's upperdir gets overlay-form whiteouts; a bind mount (no parent) gets them applied.
 */
final class Unpacker {
    private static final String EXTRACT_PREFIX = "extract-";
    private final ContentStore content;
    private final Snapshotter snapshotter;
    private final ConcurrentHashMap<String, Object> chainLocks = new ConcurrentHashMap<>();

    Unpacker(ContentStore content, Snapshotter snapshotter) {
        this.content = content;
        this.snapshotter = snapshotter;
    }

    /** Chain ids of an image's layers, bottom first, as snapshot names ({@code sha256:<hex>}). */
    static List<String> chainIds(List<Digest> diffIds) {
        List<String> chains = new ArrayList<>();
        Digest previous = null;
        for (Digest diffId : diffIds) {
            previous = previous == null ? diffId
                    : Digest.of((previous + " " + diffId).getBytes(StandardCharsets.US_ASCII));
            chains.add(previous.toString());
        }
        return chains;
    }

    String unpack(ImageRecord record) {
        List<String> chains = chainIds(record.diffIds());
        String parent = null;
        for (int i = 0; i < chains.size(); i++) {
            String chain = chains.get(i);
            synchronized (chainLocks.computeIfAbsent(chain, key -> new Object())) {
                if (!snapshotter.exists(chain)) {
                    apply(record.layers().get(i), chain, parent);
                }
            }
            parent = chain;
        }
        return parent;
    }

    private void apply(ImageRecord.Layer layer, String chain, String parent) {
        String key = EXTRACT_PREFIX + UUID.randomUUID() + " " + chain;
        List<Mount> mounts = snapshotter.prepare(key, parent);
        try {
            Mount mount = mounts.get(0);
            Path target;
            LayerUnpacker.WhiteoutMode mode;
            if (mounts.size() == 1 && mount.type().equals("overlay") && mount.option("upperdir") != null) {
                target = mount.pathOption("upperdir");
                mode = LayerUnpacker.WhiteoutMode.OVERLAY;
            } else if (mounts.size() == 1 && mount.isBind() && !mount.isReadOnly()) {
                target = Path.of(mount.source());
                mode = LayerUnpacker.WhiteoutMode.APPLY;
            } else {
                throw new RuntimeError(500, "cannot unpack a layer into mounts " + mounts);
            }
            LayerUnpacker.Result result;
            try (InputStream in = content.open(layer.blob())) {
                result = LayerUnpacker.unpack(in, target, mode);
            }
            if (!result.diffId().equals(layer.diffId())) {
                throw RuntimeError.badRequest("layer " + layer.blob() + " unpacks to " + result.diffId()
                        + " but the image config says " + layer.diffId());
            }
            snapshotter.commit(chain, key);
        } catch (IOException e) {
            discard(key, e);
            throw RuntimeError.internal("cannot read layer " + layer.blob() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            discard(key, e);
            throw e;
        }
    }

    /** Drops a half-written extraction snapshot; a failure to do so is attached to the original error. */
    private void discard(String key, Exception cause) {
        try {
            snapshotter.remove(key);
        } catch (RuntimeException cleanup) {
            cause.addSuppressed(cleanup);
        }
    }

    /**
     * Extraction snapshots ({@code extract-*}) a crash left mid-layer; call only when no unpack runs (start-up,
     * offline cleanup). Returns their keys.
     */
    List<String> discardAbandonedExtractions() {
        List<String> removed = new ArrayList<>();
        for (SnapshotInfo info : snapshotter.list()) {
            if (info.kind() != Kind.COMMITTED && info.name().startsWith(EXTRACT_PREFIX)) {
                snapshotter.remove(info.name());
                removed.add(info.name());
            }
        }
        return removed;
    }

    /**
     * Removes committed layer snapshots (those named by a chain id) that no image in {@code records} needs
     * and nothing stands on, children before parents. A layer held by a container when its image went is
     * released by a later call, once the container's snapshot is gone.
     */
    List<String> releaseUnused(List<ImageRecord> records) {
        Set<String> needed = new HashSet<>();
        records.forEach(record -> needed.addAll(chainIds(record.diffIds())));
        List<String> released = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            Set<String> parents = new HashSet<>();
            List<SnapshotInfo> snapshots = snapshotter.list();
            snapshots.forEach(info -> parents.add(info.parent()));
            for (SnapshotInfo info : snapshots) {
                String name = info.name();
                if (info.kind() == Kind.COMMITTED && Digest.isValid(name) && !needed.contains(name)
                        && !parents.contains(name)) {
                    snapshotter.remove(name);
                    released.add(name);
                    progress = true;
                }
            }
        }
        return released;
    }
}
