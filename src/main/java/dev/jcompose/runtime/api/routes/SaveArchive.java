package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.Json;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.MediaTypes;
import dev.jcompose.runtime.image.Reference;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a {@code docker save} archive the way Docker 25+ does: an OCI image layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/sha256/...}) plus Docker's {@code manifest.json}, which every Docker since
 * 1.10 reads (dockerd 20.10's load included) and which carries the RepoTags. Blobs are copied from the content
 * store as they are stored (a pulled gzip layer stays gzip); each blob is written once however many images
 * share it. Entries come in a fixed order, dated 0, so saving the same images twice gives the same bytes.
 */
final class SaveArchive {
    /** One image to save and the tags ({@code busybox:latest}) to give it in the archive. */
    record Entry(Digest id, List<Reference> tags) {
    }

    private static final int BUFFER = 256 * 1024;

    private final ImageStore images;
    private final ContentStore content;

    SaveArchive(ImageStore images, ContentStore content) {
        this.images = images;
        this.content = content;
    }

    /**
     * The images {@code names} select, with dockerd's rules: an id or id prefix saves the image untagged, a
     * tagged reference that tag, a bare repository name every tag of that repository. 404 for a name that
     * selects nothing; nothing is written before every name resolved.
     */
    List<Entry> select(List<String> names) {
        Map<Digest, List<Reference>> selected = new LinkedHashMap<>();
        for (String name : names) {
            boolean reference = !Digest.isValid(name) && !name.matches("[a-f0-9]{64}") && Reference.isValid(name);
            Reference parsed = reference ? Reference.parse(name) : null;
            if (parsed != null && parsed.tag() == null && !parsed.isDigested()) {
                List<Reference> tags = tagsOfRepository(parsed.name());
                if (!tags.isEmpty()) {
                    tags.forEach(tag -> add(selected, images.resolve(tag.toString()), tag));
                    continue;
                }
                Digest byPrefix = images.find(name).orElseThrow(() -> RuntimeError.notFound("No such image: " + name));
                add(selected, byPrefix, null);
                continue;
            }
            Digest id = images.resolve(name);
            add(selected, id, parsed != null && parsed.tag() != null && !parsed.isDigested() ? parsed : null);
        }
        List<Entry> entries = new ArrayList<>();
        selected.forEach((id, tags) -> entries.add(new Entry(id, List.copyOf(tags))));
        return entries;
    }

    private static void add(Map<Digest, List<Reference>> selected, Digest id, Reference tag) {
        List<Reference> tags = selected.computeIfAbsent(id, k -> new ArrayList<>());
        if (tag != null && !tags.contains(tag)) {
            tags.add(tag);
        }
    }

    private List<Reference> tagsOfRepository(String repository) {
        List<Reference> tags = new ArrayList<>();
        for (var summary : images.list(dev.jcompose.runtime.image.ImageFilters.NONE)) {
            for (Reference ref : images.references(summary.id())) {
                if (!ref.isDigested() && ref.tag() != null && ref.name().equals(repository)) {
                    tags.add(ref);
                }
            }
        }
        tags.sort(java.util.Comparator.comparing(Reference::toString));
        return tags;
    }

    void write(List<Entry> entries, OutputStream destination) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(destination, BUFFER);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(buffered);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        Set<Digest> written = new LinkedHashSet<>();
        List<Map<String, Object>> manifestJson = new ArrayList<>();
        List<Map<String, Object>> index = new ArrayList<>();
        directory(tar, "blobs/");
        directory(tar, "blobs/sha256/");
        for (Entry entry : entries) {
            ImageRecord record = images.record(entry.id());
            byte[] manifest = manifestOf(record);
            String manifestType = mediaTypeOf(manifest);
            Digest manifestDigest = Digest.of(manifest);
            blob(tar, written, record.id());
            List<String> layerPaths = new ArrayList<>();
            for (ImageRecord.Layer layer : record.layers()) {
                blob(tar, written, layer.blob());
                layerPaths.add("blobs/sha256/" + layer.blob().hex());
            }
            if (written.add(manifestDigest)) {
                file(tar, "blobs/sha256/" + manifestDigest.hex(), manifest);
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Config", "blobs/sha256/" + record.id().hex());
            item.put("RepoTags", entry.tags().isEmpty() ? null
                    : entry.tags().stream().map(Reference::familiarString).toList());
            item.put("Layers", layerPaths);
            manifestJson.add(item);
            if (entry.tags().isEmpty()) {
                index.add(ImageViewsJson.ordered("mediaType", manifestType, "digest", manifestDigest.toString(),
                        "size", manifest.length));
            }
            for (Reference tag : entry.tags()) {
                index.add(ImageViewsJson.ordered("mediaType", manifestType, "digest", manifestDigest.toString(),
                        "size", manifest.length, "annotations", ImageViewsJson.ordered(
                                "io.containerd.image.name", tag.toString(),
                                "org.opencontainers.image.ref.name", tag.tag())));
            }
        }
        file(tar, "index.json", Json.bytes(ImageViewsJson.ordered("schemaVersion", 2,
                "mediaType", MediaTypes.OCI_INDEX, "manifests", index)));
        file(tar, "manifest.json", Json.bytes(manifestJson));
        file(tar, "oci-layout", Json.bytes(Map.of("imageLayoutVersion", "1.0.0")));
        tar.finish();
        buffered.flush();
    }

    /** The manifest a pull stored, else one made for the record (OCI, layers with their stored media types). */
    private byte[] manifestOf(ImageRecord record) {
        if (record.manifest() != null && content.exists(record.manifest())) {
            byte[] stored = content.read(record.manifest());
            // A record loaded first and pulled later keeps its loaded layers, which the pulled manifest
            // does not name: then the archive needs a manifest of its own.
            if (layersOf(stored).equals(record.layers().stream().map(ImageRecord.Layer::blob).toList())) {
                return stored;
            }
        }
        List<Map<String, Object>> layers = new ArrayList<>();
        for (ImageRecord.Layer layer : record.layers()) {
            layers.add(ImageViewsJson.ordered("mediaType", layer.mediaType(), "digest", layer.blob().toString(),
                    "size", layer.size()));
        }
        long configSize = content.info(record.id()).orElseThrow(() -> RuntimeError.notFound(
                "config blob " + record.id() + " is missing from the content store")).size();
        return Json.bytes(ImageViewsJson.ordered("schemaVersion", 2, "mediaType", MediaTypes.OCI_MANIFEST,
                "config", ImageViewsJson.ordered("mediaType", MediaTypes.OCI_CONFIG, "digest", record.id().toString(),
                        "size", configSize),
                "layers", layers));
    }

    private static List<Digest> layersOf(byte[] manifest) {
        List<Digest> layers = new ArrayList<>();
        try {
            for (var layer : Json.MAPPER.readTree(manifest).path("layers")) {
                String digest = layer.path("digest").asText("");
                if (!Digest.isValid(digest)) {
                    return List.of();
                }
                layers.add(Digest.parse(digest));
            }
        } catch (IOException e) {
            return List.of();
        }
        return layers;
    }

    private static String mediaTypeOf(byte[] manifest) {
        try {
            String declared = Json.MAPPER.readTree(manifest).path("mediaType").asText("");
            return declared.isEmpty() ? MediaTypes.OCI_MANIFEST : declared;
        } catch (IOException e) {
            return MediaTypes.OCI_MANIFEST;
        }
    }

    private void blob(TarArchiveOutputStream tar, Set<Digest> written, Digest digest) throws IOException {
        if (!written.add(digest)) {
            return;
        }
        long size = content.info(digest).orElseThrow(() -> RuntimeError.notFound(
                "blob " + digest + " is missing from the content store")).size();
        TarArchiveEntry entry = entry("blobs/sha256/" + digest.hex(), size);
        tar.putArchiveEntry(entry);
        try (InputStream in = content.open(digest)) {
            in.transferTo(tar);
        }
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        tar.putArchiveEntry(entry(name, bytes.length));
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(040755);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(0100644);
        entry.setModTime(0);
        return entry;
    }
}
