package dev.jcompose.runtime.daemon;

import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.LocalContentStore;
import dev.jcompose.runtime.image.ImageFilters;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.snapshot.OverlaySnapshotter;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stores every part of the daemon shares, opened once per root: one content store, one snapshotter (its
 * metadata is guarded by the instance, so images and containers must use the same one) and the image store
 * on top of both. Opening cleans what a crash left (ingests, orphan snapshot directories, half-written
 * records; listed in {@code openCleanup}), so only the process that owns the root (see {@link StateLock}) may
 * open them.
 */
public record RuntimeStores(ContentStore content, Snapshotter snapshots, ImageStore images, List<String> openCleanup) {
    public static RuntimeStores open(Path root) {
        LocalContentStore content = new LocalContentStore(root);
        OverlaySnapshotter snapshots = new OverlaySnapshotter(root);
        List<String> cleaned = new ArrayList<>(content.openCleanup());
        cleaned.addAll(snapshots.openCleanup());
        return new RuntimeStores(content, snapshots, new ImageStore(root, content, snapshots), List.copyOf(cleaned));
    }

    /**
     * Everything opening removed, then the image store's garbage (records without config, unused layers,
     * unreferenced blobs). Call after container recovery, which drops the snapshots of dead containers first.
     */
    public List<String> collectGarbage() {
        List<String> removed = new ArrayList<>(openCleanup);
        removed.addAll(images.collectGarbage());
        return removed;
    }

    /** For {@code /info}: how many images there are. */
    public int imageCount() {
        return images.list(ImageFilters.NONE).size();
    }
}
