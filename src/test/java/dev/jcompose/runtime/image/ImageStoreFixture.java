package dev.jcompose.runtime.image;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.content.LocalContentStore;
import dev.jcompose.runtime.snapshot.OverlaySnapshotter;
import dev.jcompose.runtime.testing.ImageArchives;
import dev.jcompose.runtime.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A store on a temp root and small images built in code. */
final class ImageStoreFixture {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-05T05:05:05Z"), ZoneOffset.UTC);

    final Path root;
    final LocalContentStore content;
    final ImageStore store;

    ImageStoreFixture(Path root) {
        this.root = root;
        this.content = new LocalContentStore(root);
        this.store = new ImageStore(root, content, new OverlaySnapshotter(root, CLOCK), CLOCK);
    }

    ImageStoreFixture reopen() {
        return new ImageStoreFixture(root);
    }

    static byte[] baseLayer() {
        return new TarBuilder().dir("etc", 0755).file("etc/os-release", "ID=test\n", 0644)
                .dir("var", 0755).file("var/a", "a", 0644).build();
    }

    static byte[] appLayer(String marker) {
        return new TarBuilder().dir("app", 0755).file("app/marker", marker, 0644).build();
    }

    /** An image of the base layer plus an app layer; {@code marker} makes different images. */
    record Built(byte[] archive, Digest id, List<byte[]> layers) {
    }

    static Built image(ImageArchives.Format format, String marker, Map<String, String> labels, String created,
            boolean gzipLayers, List<String> tags) {
        List<byte[]> layers = List.of(baseLayer(), appLayer(marker));
        byte[] config = ImageArchives.config(layers, labels, List.of("sh", "-c", "echo " + marker), created);
        List<byte[]> blobs = gzipLayers ? layers.stream().map(TarBuilder::gzip).toList() : layers;
        return new Built(ImageArchives.archive(format, config, blobs, tags), Digest.of(config), layers);
    }

    static Built image(String marker, List<String> tags) {
        return image(ImageArchives.Format.DOCKER_LEGACY, marker, Map.of(), "2024-01-02T03:04:05Z", false, tags);
    }

    LoadResult load(Built built) {
        return store.load(new ByteArrayInputStream(built.archive()));
    }
}
