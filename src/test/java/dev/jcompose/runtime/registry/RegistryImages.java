package dev.jcompose.runtime.registry;

import com.github.luben.zstd.Zstd;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.content.LocalContentStore;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.MediaTypes;
import dev.jcompose.runtime.snapshot.OverlaySnapshotter;
import dev.jcompose.runtime.testing.FakeRegistry;
import dev.jcompose.runtime.testing.ImageArchives;
import dev.jcompose.runtime.testing.TarBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small images pushed into a {@link FakeRegistry}, and an image store to pull them into. */
final class RegistryImages {
    /** What was pushed: the image id (config digest), the manifest digest and the layer blob digest. */
    record Pushed(Digest id, Digest manifest, Digest layerBlob, Digest diffId, byte[] manifestBytes) {
    }

    enum Compression { GZIP, ZSTD }

    private RegistryImages() {
    }

    static ImageStore store(Path root) {
        LocalContentStore content = new LocalContentStore(root);
        return new ImageStore(root, content, new OverlaySnapshotter(root), java.time.Clock.systemUTC());
    }

    static byte[] layer(String marker) {
        return new TarBuilder().dir("etc", 0755).file("etc/marker", marker, 0644).build();
    }

    static byte[] compress(byte[] tar, Compression compression) {
        return compression == Compression.GZIP ? TarBuilder.gzip(tar) : Zstd.compress(tar);
    }

    /** A one-layer image under repo:tag; Docker schema 2 for gzip, OCI for zstd (as registries hold them). */
    static Pushed push(FakeRegistry registry, String repo, String tag, String marker, Compression compression) {
        byte[] tar = layer(marker);
        byte[] blob = compress(tar, compression);
        byte[] config = config(tar, marker);
        boolean docker = compression == Compression.GZIP;
        byte[] manifest = FakeRegistry.imageManifest(
                docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST,
                docker ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG, config, List.of(blob),
                List.of(docker ? MediaTypes.DOCKER_LAYER_GZIP : MediaTypes.OCI_LAYER_ZSTD));
        registry.blob(config);
        registry.blob(blob);
        Digest manifestDigest = registry.manifest(repo, tag, docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST,
                manifest);
        return new Pushed(Digest.of(config), manifestDigest, Digest.of(blob), Digest.of(tar), manifest);
    }

    static byte[] config(byte[] tar, String marker) {
        return ImageArchives.config(List.of(tar), Map.of("marker", marker), List.of("sh"), "2025-01-01T00:00:00Z");
    }
}
