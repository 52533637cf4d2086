package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.Digest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies one image from an {@link ImageSource} into the content store: index → the manifest for the
 * platform → config → layers, each blob checked against its descriptor's digest and size, and each layer's
 * uncompressed digest checked against the config's diff_ids.
 */
final class OciFetcher {
    /** The image record, ready to add to the store; all its blobs are in the content store. */
    record Fetched(ImageRecord record, ImageConfig config) {
    }

    private static final long MAX_JSON_BYTES = 16L * 1024 * 1024;
    private static final int MAX_INDEX_DEPTH = 2;

    private final ContentStore content;
    private final Clock clock;

    OciFetcher(ContentStore content, Clock clock) {
        this.content = content;
        this.clock = clock;
    }

    Fetched fetch(ImageSource source, Descriptor top, Platform platform) {
        Descriptor descriptor = top;
        byte[] json = readJson(source, descriptor);
        for (int depth = 0; isIndex(descriptor, json); depth++) {
            if (depth >= MAX_INDEX_DEPTH) {
                throw RuntimeError.badRequest("image index nested too deeply at " + descriptor.digest());
            }
            descriptor = select(ImageJson.read(json, ImageIndex.class, "image index " + descriptor.digest()), platform);
            json = readJson(source, descriptor);
        }
        ImageManifest manifest = ImageJson.read(json, ImageManifest.class, "image manifest " + descriptor.digest());
        if (manifest.config() == null) {
            throw RuntimeError.badRequest("image manifest " + descriptor.digest() + " has no config");
        }
        Digest manifestDigest = content.ingest(json).digest();
        byte[] configBytes = readJson(source, manifest.config());
        Digest configDigest = content.ingest(configBytes).digest();
        ImageConfig config = ImageJson.read(configBytes, ImageConfig.class, "image config " + configDigest);
        List<Digest> diffIds = config.diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw RuntimeError.badRequest("image " + configDigest + ": manifest has " + manifest.layers().size()
                    + " layers but the config lists " + diffIds.size() + " diff_ids");
        }
        List<ImageRecord.Layer> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            if (!content.exists(layer.digest())) {
                try (InputStream in = source.fetch(layer)) {
                    content.ingest(in, layer.digest(), layer.size());
                } catch (IOException e) {
                    throw RuntimeError.internal("cannot fetch layer " + layer.digest() + ": " + e.getMessage(), e);
                }
            }
            layers.add(describeLayer(content, layer.digest(), diffIds.get(i)));
        }
        return new Fetched(new ImageRecord(configDigest, manifestDigest, layers, clock.instant().toString()), config);
    }

    /**
     * The layer as the store records it: media type from the bytes' compression (not from a descriptor,
     * which may be wrong), and the digest and size of the uncompressed tar, checked against the config.
     */
    static ImageRecord.Layer describeLayer(ContentStore content, Digest blob, Digest expectedDiffId) {
        long blobSize = content.info(blob).orElseThrow().size();
        try (BufferedInputStream in = new BufferedInputStream(content.open(blob), 64 * 1024)) {
            Compression compression = Compression.detect(in);
            Digest diffId = blob;
            long uncompressed = blobSize;
            if (compression != Compression.NONE) {
                HashingInputStream hashing = new HashingInputStream(Compression.decompress(in));
                hashing.drain();
                diffId = hashing.digest();
                uncompressed = hashing.count();
            }
            if (!diffId.equals(expectedDiffId)) {
                throw RuntimeError.badRequest("layer " + blob + " has diff id " + diffId + " but the image config says "
                        + expectedDiffId);
            }
            String mediaType = switch (compression) {
                case NONE -> MediaTypes.OCI_LAYER;
                case GZIP -> MediaTypes.OCI_LAYER_GZIP;
                case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
                case BZIP2 -> MediaTypes.OCI_LAYER + "+bzip2";
            };
            return new ImageRecord.Layer(blob, mediaType, blobSize, diffId, uncompressed);
        } catch (IOException e) {
            throw RuntimeError.badRequest("cannot read layer " + blob + ": " + e.getMessage());
        }
    }

    private static boolean isIndex(Descriptor descriptor, byte[] json) {
        if (descriptor.mediaType() != null && !descriptor.mediaType().isEmpty()) {
            return MediaTypes.isIndex(descriptor.mediaType());
        }
        // No media type in the descriptor (some index.json files): an index is what has "manifests".
        try {
            return ImageJson.MAPPER.readTree(json).has("manifests");
        } catch (IOException e) {
            throw RuntimeError.badRequest("invalid JSON in " + descriptor.digest());
        }
    }

    private static Descriptor select(ImageIndex index, Platform platform) {
        List<Descriptor> candidates = index.manifests();
        for (Descriptor candidate : candidates) {
            if (platform.accepts(candidate.platform())) {
                return candidate;
            }
        }
        if (candidates.size() == 1 && candidates.get(0).platform() == null) {
            return candidates.get(0);
        }
        throw RuntimeError.notFound("no matching manifest for " + platform.os() + "/" + platform.architecture()
                + (platform.variant() == null ? "" : "/" + platform.variant()) + " in the manifest list entries");
    }

    private static byte[] readJson(ImageSource source, Descriptor descriptor) {
        if (descriptor.size() > MAX_JSON_BYTES) {
            throw RuntimeError.badRequest("refusing " + descriptor.digest() + ": " + descriptor.size()
                    + " bytes is too large for a manifest or config");
        }
        byte[] bytes;
        try (InputStream in = source.fetch(descriptor)) {
            bytes = in.readNBytes((int) MAX_JSON_BYTES + 1);
        } catch (IOException e) {
            throw RuntimeError.internal("cannot fetch " + descriptor.digest() + ": " + e.getMessage(), e);
        }
        Digest actual = Digest.of(bytes);
        if (!actual.equals(descriptor.digest()) || (descriptor.size() > 0 && bytes.length != descriptor.size())) {
            throw RuntimeError.badRequest("digest mismatch: expected " + descriptor.digest() + " (" + descriptor.size()
                    + " bytes), got " + actual + " (" + bytes.length + " bytes)");
        }
        return bytes;
    }
}
