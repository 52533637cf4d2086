package dev.jcompose.runtime.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads image archives:
 * <ul>
 * <li>{@code docker save} up to Docker 24: manifest.json + {@code <config-hex>.json} +
 * {@code <v1-id>/layer.tar} (+ repositories, VERSION and json files, which are not needed);</li>
 * <li>{@code docker save} from Docker 25 on: the same manifest.json, pointing into an OCI layout
 * ({@code blobs/sha256/...}, layers plain or, with the containerd image store, compressed);</li>
 * <li>an OCI image layout archive (oci-layout + index.json + blobs), tagged from its index annotations.</li>
 * </ul>
 * When manifest.json is there it wins, because only it carries the RepoTags docker save wrote.
 */
final class ArchiveLoader {
    private static final Pattern BLOB_PATH = Pattern.compile("blobs/sha256/([a-f0-9]{64})");
    private static final Pattern CONFIG_FILE = Pattern.compile("([a-f0-9]{64})\\.json");

    /** One image of a docker save manifest.json. */
    record ManifestItem(
            @JsonProperty("Config") String config,
            @JsonProperty("RepoTags") List<String> repoTags,
            @JsonProperty("Layers") List<String> layers) {
    }

    private final ImageStore store;
    private final ContentStore content;

    ArchiveLoader(ImageStore store) {
        this.store = store;
        this.content = store.content;
    }

    LoadResult load(InputStream archive) {
        try (ArchiveEntries entries = ArchiveEntries.read(Compression.decompress(archive), content)) {
            try {
                if (entries.has("manifest.json")) {
                    return loadDockerSave(entries);
                }
                if (entries.has("index.json")) {
                    return loadOciLayout(entries);
                }
                throw RuntimeError.badRequest("invalid archive: neither manifest.json (docker save) nor index.json"
                        + " (OCI image layout) found");
            } finally {
                // Blobs this load brought in that no image uses (a failed load, other platforms, attestations).
                store.deleteUnreferenced(entries.newBlobs());
            }
        }
    }

    private LoadResult loadDockerSave(ArchiveEntries entries) {
        List<ManifestItem> items;
        try {
            items = ImageJson.MAPPER.readValue(entries.bytes("manifest.json"), new TypeReference<>() { });
        } catch (IOException e) {
            throw RuntimeError.badRequest("invalid archive: manifest.json: " + e.getMessage());
        }
        List<LoadResult.LoadedImage> images = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ManifestItem item : items) {
            if (item.config() == null || item.layers() == null) {
                throw RuntimeError.badRequest("invalid archive: manifest.json entry without Config or Layers");
            }
            Digest configDigest = entries.commit(item.config(), digestInName(item.config()));
            ImageConfig config = ImageJson.read(content.read(configDigest), ImageConfig.class, "image config "
                    + item.config());
            List<Digest> diffIds = config.diffIds();
            if (diffIds.size() != item.layers().size()) {
                throw RuntimeError.badRequest("invalid archive: " + item.config() + " lists " + diffIds.size()
                        + " diff_ids but manifest.json " + item.layers().size() + " layers");
            }
            List<ImageRecord.Layer> layers = new ArrayList<>();
            for (int i = 0; i < diffIds.size(); i++) {
                String path = item.layers().get(i);
                Digest blob = entries.commit(path, digestInName(path));
                layers.add(OciFetcher.describeLayer(content, blob, diffIds.get(i)));
            }
            List<Reference> tags = new ArrayList<>();
            for (String tag : item.repoTags() == null ? List.<String>of() : item.repoTags()) {
                tags.add(Reference.parse(tag).withDefaultTag());
            }
            ImageRecord record = new ImageRecord(configDigest, null, layers, store.clock.instant().toString());
            LoadResult added = store.add(record, tags);
            images.addAll(added.images());
            notes.addAll(added.notes());
        }
        return new LoadResult(images, notes);
    }

    private LoadResult loadOciLayout(ArchiveEntries entries) {
        ImageIndex index = ImageJson.read(entries.bytes("index.json"), ImageIndex.class, "index.json");
        // Every blob of the layout goes to the content store under its checked name; the ones no loaded
        // image ends up using are removed again by load().
        for (String name : entries.names()) {
            Matcher blob = BLOB_PATH.matcher(name);
            if (blob.matches()) {
                entries.commit(name, new Digest(blob.group(1)));
            }
        }
        OciLayoutSource source = new OciLayoutSource(index, content::open);
        OciFetcher fetcher = new OciFetcher(content, store.clock);
        List<LoadResult.LoadedImage> images = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Descriptor descriptor : index.manifests()) {
            OciFetcher.Fetched fetched = fetcher.fetch(source, descriptor, Platform.host());
            Reference name = OciLayoutSource.nameOf(descriptor);
            LoadResult added = store.add(fetched.record(), name == null ? List.of() : List.of(name));
            images.addAll(added.images());
            notes.addAll(added.notes());
        }
        return new LoadResult(images, notes);
    }

    /** The digest a file name promises ({@code blobs/sha256/<hex>} or {@code <hex>.json}), or null. */
    private static Digest digestInName(String path) {
        Matcher blob = BLOB_PATH.matcher(path);
        if (blob.matches()) {
            return new Digest(blob.group(1));
        }
        Matcher config = CONFIG_FILE.matcher(path);
        return config.matches() ? new Digest(config.group(1)) : null;
    }
}
