package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.fs.LayoutVersion;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The images of the embedded engine: blobs in a {@link ContentStore}, records and references under
 * {@code <root>/images/}, unpacked layers in a {@link Snapshotter}. Images enter by {@link #load} (docker
 * save and OCI layout archives), {@link #importRootfs} and {@link #pull}; an image id is the digest of its
 * config. References are kept normalised ({@code docker.io/library/busybox:latest}) and shown familiar
 * ({@code busybox:latest}), like Docker.
 */
public final class ImageStore {
    private static final Pattern HEX_PREFIX = Pattern.compile("[a-f0-9]{1,64}");
    private static final Pattern FULL_HEX = Pattern.compile("[a-f0-9]{64}");

    final ContentStore content;
    final Clock clock;
    private final ImageMetadata metadata;
    private final Unpacker unpacker;
    /** Layer sizes as dockerd reports them (file bytes, not tar bytes), for the views. */
    final LayerSizes sizes;

    public ImageStore(Path runtimeRoot, ContentStore content, Snapshotter snapshotter) {
        this(runtimeRoot, content, snapshotter, Clock.systemUTC());
    }

    public ImageStore(Path runtimeRoot, ContentStore content, Snapshotter snapshotter, Clock clock) {
        LayoutVersion.ensure(runtimeRoot);
        this.content = content;
        this.clock = clock;
        this.metadata = new ImageMetadata(runtimeRoot);
        this.unpacker = new Unpacker(content, snapshotter);
        this.sizes = new LayerSizes(runtimeRoot.resolve("images"), content);
    }

    /** Loads a {@code docker save} archive (any Docker 20.10..28 variant) or an OCI image layout archive. */
    public LoadResult load(InputStream archive) {
        return new ArchiveLoader(this).load(archive);
    }

    /** Makes a one-layer image of a root file system tar, like {@code docker import}. */
    public Digest importRootfs(InputStream rootfsTar, ImportOptions options) {
        return new RootfsImporter(this).importRootfs(rootfsTar, options);
    }

    /** Fetches {@code reference} for {@code platform} from a source and tags it. */
    public Digest pull(ImageSource source, String reference, Platform platform) {
        Reference ref = Reference.parse(reference).withDefaultTag();
        Descriptor top = source.resolve(ref);
        OciFetcher.Fetched fetched = new OciFetcher(content, clock).fetch(source, top, platform);
        List<Reference> names = new ArrayList<>();
        if (ref.tag() != null) {
            names.add(ref.withTag(ref.tag()));
        }
        if (source.recordsRepoDigests() || ref.isDigested()) {
            names.add(ref.withDigest(top.digest()));
        }
        LoadResult result = add(fetched.record(), names);
        return result.images().get(0).id();
    }

    /** Records an image whose blobs are all in the content store, and points {@code references} at it. */
    synchronized LoadResult add(ImageRecord record, List<Reference> references) {
        ImageRecord existing = metadata.record(record.id());
        if (existing == null || (existing.manifest() == null && record.manifest() != null)) {
            metadata.putRecord(existing == null ? record
                    : new ImageRecord(existing.id(), record.manifest(), existing.layers(), existing.added()));
        }
        List<String> notes = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (Reference reference : references) {
            ImageMetadata.Target previous = metadata.target(reference);
            if (previous != null && !previous.image().equals(record.id())) {
                notes.add("The image " + reference.familiarString() + " already exists, renaming the old one with ID "
                        + previous.image() + " to empty string");
            }
            metadata.putReference(reference, record.id(), clock.instant().toString());
            tags.add(reference.familiarString());
        }
        return new LoadResult(List.of(new LoadResult.LoadedImage(record.id(), tags)), notes);
    }

    /**
     * Records an image the builder made (its config and layer blobs already in the content store) and points
     * {@code tags} at it; returns what {@code docker load} would report (notes on renamed old images).
     */
    public LoadResult addBuilt(Digest configId, List<ImageRecord.Layer> layers, List<Reference> tags) {
        return add(new ImageRecord(configId, null, layers, clock.instant().toString()),
                tags.stream().map(Reference::withDefaultTag).toList());
    }

    /**
     * Unpacks a layer list that is not (yet) an image, e.g. a build step's parent, into committed snapshots;
     * returns the top chain id, the parent for {@code prepare}, or null for no layers.
     */
    public String unpackLayers(List<ImageRecord.Layer> layers) {
        return unpacker.unpack(new ImageRecord(null, null, layers, null));
    }

    /** Points {@code target} (a name, tagged or not) at the image {@code source} resolves to. */
    public synchronized void tag(String source, String target) {
        Digest id = resolve(source);
        Reference reference = Reference.parse(target);
        if (reference.isDigested()) {
            throw RuntimeError.badRequest("refusing to create a tag with a digest reference");
        }
        metadata.putReference(reference.withDefaultTag(), id, clock.instant().toString());
    }

    /** Removes one reference (no image is deleted); 404 when it does not exist. */
    public synchronized void untag(String reference) {
        Reference ref = Reference.parse(reference);
        ref = ref.isDigested() ? ref : ref.withDefaultTag();
        if (!metadata.removeReference(ref)) {
            throw RuntimeError.notFound("No such image: " + ref.familiarString());
        }
    }

    /** The image id for a reference, a full id, or a unique id prefix; 404 like Docker otherwise. */
    public synchronized Digest resolve(String refOrId) {
        return find(refOrId).orElseThrow(() -> RuntimeError.notFound("No such image: " + describe(refOrId)));
    }

    /** As {@link #resolve}, empty when nothing matches. Docker's order: id, reference, then id prefix. */
    public synchronized Optional<Digest> find(String refOrId) {
        if (FULL_HEX.matcher(refOrId).matches()) {
            return byId(new Digest(refOrId));
        }
        if (Digest.isValid(refOrId)) {
            return byId(Digest.parse(refOrId));
        }
        Reference reference = Reference.parse(refOrId);
        Reference lookup = reference.isDigested() ? reference : reference.withDefaultTag();
        ImageMetadata.Target target = metadata.target(lookup);
        if (target == null && reference.isDigested() && reference.tag() != null) {
            target = metadata.target(new Reference(reference.domain(), reference.path(), null, reference.digest()));
        }
        if (target != null) {
            return Optional.of(target.image());
        }
        return byIdPrefix(refOrId.startsWith(Digest.ALGORITHM + ":")
                ? refOrId.substring(Digest.ALGORITHM.length() + 1) : refOrId);
    }

    private Optional<Digest> byId(Digest id) {
        return metadata.record(id) == null ? Optional.empty() : Optional.of(id);
    }

    private Optional<Digest> byIdPrefix(String prefix) {
        if (!HEX_PREFIX.matcher(prefix).matches()) {
            return Optional.empty();
        }
        List<Digest> matches = metadata.records().stream().map(ImageRecord::id)
                .filter(id -> id.hex().startsWith(prefix)).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** How Docker names what it did not find: a tagged familiar reference, or the id as given. */
    private static String describe(String refOrId) {
        if (FULL_HEX.matcher(refOrId).matches()) {
            return Digest.ALGORITHM + ":" + refOrId;
        }
        if (Digest.isValid(refOrId)) {
            return refOrId;
        }
        Reference reference = Reference.parse(refOrId);
        return (reference.isDigested() ? reference : reference.withDefaultTag()).familiarString();
    }

    public synchronized ImageRecord record(Digest id) {
        ImageRecord record = metadata.record(id);
        if (record == null) {
            throw RuntimeError.notFound("No such image: " + id);
        }
        return record;
    }

    public synchronized ImageConfig config(Digest id) {
        return ImageJson.read(content.read(record(id).id()), ImageConfig.class, "image config " + id);
    }

    /** Normalised references of an image, tags and digests, sorted. */
    public synchronized List<Reference> references(Digest id) {
        return metadata.referencesOf(id);
    }

    synchronized String lastTagTime(Digest id) {
        return metadata.lastTagTime(id);
    }

    synchronized List<ImageRecord> records() {
        return List.copyOf(metadata.records());
    }

    /**
     * The image's layers as dockerd's disk usage counts them: chain id (the same for a layer two images share)
     * to the layer's size, bottom first.
     */
    public Map<String, Long> layerUsage(Digest id) {
        ImageRecord record = record(id);
        List<String> chains = Unpacker.chainIds(record.diffIds());
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < chains.size(); i++) {
            out.put(chains.get(i), sizes.of(record.layers().get(i)));
        }
        return out;
    }

    public ImageInspect inspect(String refOrId) {
        return ImageViews.inspect(this, resolve(refOrId));
    }

    public List<ImageSummary> list(ImageFilters filters) {
        return ImageViews.list(this, filters);
    }

    public List<HistoryItem> history(String refOrId) {
        return ImageViews.history(this, resolve(refOrId));
    }

    /**
     * Docker's image removal: a name untags (and deletes the image with its last reference), an id deletes;
     * containers named by {@code usage} block it (a running one even when forced). See {@link ImageDeleter}.
     */
    public synchronized List<DeleteItem> remove(String refOrId, boolean force, ImageUsage usage) {
        return new ImageDeleter(this, metadata, usage).remove(refOrId, force);
    }

    /** Deletes an image's record and whatever of its blobs and layers no other image uses. */
    synchronized List<DeleteItem> deleteImage(Digest id) {
        ImageRecord removed = metadata.record(id);
        metadata.removeRecord(id);
        List<DeleteItem> items = new ArrayList<>();
        items.add(DeleteItem.deleted(id.toString()));
        List<ImageRecord> remaining = List.copyOf(metadata.records());
        for (String layer : unpacker.releaseUnused(remaining)) {
            items.add(DeleteItem.deleted(layer));
        }
        for (Digest blob : blobsOf(removed)) {
            if (remaining.stream().noneMatch(other -> blobsOf(other).contains(blob))) {
                content.delete(blob);
            }
        }
        sizes.retainOnly(diffIdsOf(remaining));
        return items;
    }

    /** The layers (diff ids) some image record has: whose size records stay. */
    static Set<Digest> diffIdsOf(java.util.Collection<ImageRecord> records) {
        Set<Digest> diffIds = new HashSet<>();
        records.forEach(record -> record.layers().forEach(layer -> diffIds.add(layer.diffId())));
        return diffIds;
    }

    /** Deletes those of {@code candidates} that no image record refers to. */
    synchronized void deleteUnreferenced(Set<Digest> candidates) {
        Set<Digest> referenced = new HashSet<>();
        metadata.records().forEach(record -> referenced.addAll(blobsOf(record)));
        candidates.stream().filter(blob -> !referenced.contains(blob)).forEach(content::delete);
    }

    private static List<Digest> blobsOf(ImageRecord record) {
        List<Digest> blobs = new ArrayList<>();
        blobs.add(record.id());
        if (record.manifest() != null) {
            blobs.add(record.manifest());
        }
        record.layers().forEach(layer -> blobs.add(layer.blob()));
        return blobs;
    }

    /**
     * Crash leftovers, for daemon start and {@code engine stop --cleanup} (no image operation may run meanwhile):
     * half-written or broken records, records whose config blob is gone, unpacked layers no image needs, blobs
     * no record refers to (an ingest committed before its image record was written). One line per object.
     */
    public synchronized List<String> collectGarbage() {
        return new ImageGarbage(metadata, content, unpacker, sizes).collect();
    }

    /**
     * Removes unpacked layers no image needs any more. Call after removing a container's snapshot: a layer
     * its container held when the image was removed is released here. Returns the released chain ids.
     */
    public synchronized List<String> releaseUnusedLayers() {
        return unpacker.releaseUnused(List.copyOf(metadata.records()));
    }

    /**
     * Unpacks the image's layers into committed snapshots (once per layer chain, shared between images)
     * and returns the name of the top one, the parent for a container's {@code prepare}; null for an image
     * with no layers.
     */
    public String unpack(String refOrId) {
        return unpacker.unpack(record(resolve(refOrId)));
    }
}
