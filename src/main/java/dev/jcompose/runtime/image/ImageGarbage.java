package dev.jcompose.runtime.image;

import dev.jcompose.runtime.content.BlobInfo;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.Digest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a crash leaves in the image store, found from the records: ingest and record writes are each atomic, but
 * a load is several of them (blobs, then layers, then the record, then references), so a kill between two leaves
 * blobs or layers nobody refers to. Run only while no image operation runs (daemon start, offline cleanup): an
 * unreferenced blob is then garbage, not a load in progress. The caller holds the image store's lock.
 */
final class ImageGarbage {
    private static final System.Logger LOG = System.getLogger(ImageGarbage.class.getName());

    private final ImageMetadata metadata;
    private final ContentStore content;
    private final Unpacker unpacker;
    private final LayerSizes sizes;
    private final List<String> removed = new ArrayList<>();

    ImageGarbage(ImageMetadata metadata, ContentStore content, Unpacker unpacker, LayerSizes sizes) {
        this.metadata = metadata;
        this.content = content;
        this.unpacker = unpacker;
        this.sizes = sizes;
    }

    List<String> collect() {
        removed.addAll(metadata.openCleanup);
        metadata.openCleanup.clear();
        recordsWithoutConfig();
        for (String key : unpacker.discardAbandonedExtractions()) {
            note("snapshot " + key + " (a layer unpack a crash interrupted)");
        }
        for (String layer : unpacker.releaseUnused(List.copyOf(metadata.records()))) {
            note("layer snapshot " + layer + " (no image uses it)");
        }
        unreferencedBlobs();
        for (String diffId : sizes.retainOnly(ImageStore.diffIdsOf(metadata.records()))) {
            note("layer size record " + diffId + " (no image has that layer)");
        }
        return List.copyOf(removed);
    }

    /** A record whose config blob is missing cannot be inspected or run: it and its references go. */
    private void recordsWithoutConfig() {
        for (ImageRecord record : List.copyOf(metadata.records())) {
            if (content.info(record.id()).isEmpty()) {
                for (Reference reference : metadata.referencesOf(record.id())) {
                    metadata.removeReference(reference);
                }
                metadata.removeRecord(record.id());
                note("image record " + record.id() + " (its config blob is missing)");
            }
        }
    }

    private void unreferencedBlobs() {
        Set<Digest> referenced = new HashSet<>(content.pinned()); // the build cache's steps, say
        for (ImageRecord record : metadata.records()) {
            referenced.add(record.id());
            if (record.manifest() != null) {
                referenced.add(record.manifest());
            }
            record.layers().forEach(layer -> referenced.add(layer.blob()));
        }
        for (BlobInfo blob : content.list()) {
            if (!referenced.contains(blob.digest()) && content.delete(blob.digest())) {
                note("blob " + blob.digest() + " (" + blob.size() + " bytes, no image refers to it)");
            }
        }
    }

    private void note(String what) {
        removed.add(what);
        LOG.log(System.Logger.Level.INFO, "removed " + what);
    }
}
