package dev.jcompose.runtime.daemon;

import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.LocalContentStore;
import dev.jcompose.runtime.image.ImageFilters;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.snapshot.OverlaySnapshotter;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.nio.file.Path;

/**
 * The stores every part of the daemon shares, opened once per root: one content store, one snapshotter (its
 * metadata is guarded by the instance, so images and containers must use the same one) and the image store
 * on top of both. Opening cleans what a crash left (ingests, orphan snapshot directories), so only the
 * daemon that owns the root may open them.
 */
public record RuntimeStores(ContentStore content, Snapshotter snapshots, ImageStore images) {
    public static RuntimeStores open(Path root) {
        LocalContentStore content = new LocalContentStore(root);
        OverlaySnapshotter snapshots = new OverlaySnapshotter(root);
        return new RuntimeStores(content, snapshots, new ImageStore(root, content, snapshots));
    }

    /** For {@code /info}: how many images there are. */
    public int imageCount() {
        return images.list(ImageFilters.NONE).size();
    }
}
