package dev.jcompose.runtime.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The image store's state on disk and in memory:
 * <pre>
 *   &lt;root&gt;/images/records/&lt;hex&gt;.json   one {@link ImageRecord} per image
 *   &lt;root&gt;/images/references.json        full reference → image id (+ when it was tagged)
 * </pre>
 * Every change rewrites one file atomically. Callers hold the store's lock.
 */
final class ImageMetadata {
    private static final System.Logger LOG = System.getLogger(ImageMetadata.class.getName());
    /** Where a reference points and since when (Docker's Metadata.LastTagTime). */
    record Target(@JsonProperty("image") Digest image, @JsonProperty("since") String since) {
    }

    private final Path recordsDir;
    private final Path referencesFile;
    private final Map<Digest, ImageRecord> records = new TreeMap<>();
    private final Map<String, Target> references = new TreeMap<>();
    /** What opening removed: half-written files a crash left, one line each. */
    final List<String> openCleanup = new ArrayList<>();

    ImageMetadata(Path runtimeRoot) {
        Path imagesDir = runtimeRoot.resolve("images");
        this.recordsDir = imagesDir.resolve("records");
        this.referencesFile = imagesDir.resolve("references.json");
        try {
            Files.createDirectories(recordsDir);
            removeTempFiles(imagesDir);
            removeTempFiles(recordsDir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(recordsDir, "*.json")) {
                for (Path file : files) {
                    ImageRecord record = readRecord(file);
                    if (record != null) {
                        records.put(record.id(), record);
                    }
                }
            }
            if (Files.exists(referencesFile)) {
                references.putAll(ImageJson.MAPPER.readValue(referencesFile.toFile(),
                        new TypeReference<Map<String, Target>>() { }));
            }
        } catch (IOException e) {
            throw RuntimeError.internal("cannot read image metadata under " + imagesDir + ": " + e.getMessage(), e);
        }
        // A reference left pointing at a record that a crash never wrote (or already removed) is dropped.
        references.values().removeIf(target -> !records.containsKey(target.image()));
    }

    /**
     * A record that does not parse, or whose name is not its id, was not written by {@link AtomicFiles} (a
     * copy, a disk fault): unusable, so it goes with a log line instead of keeping the daemon from starting.
     */
    private ImageRecord readRecord(Path file) throws IOException {
        try {
            ImageRecord record = ImageJson.MAPPER.readValue(file.toFile(), ImageRecord.class);
            if (record.id() != null && file.getFileName().toString().equals(record.id().hex() + ".json")) {
                return record;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "unreadable image record " + file + ": " + e.getMessage());
        }
        Files.deleteIfExists(file);
        openCleanup.add("broken image record " + file.getFileName());
        LOG.log(System.Logger.Level.INFO, "removed broken image record " + file);
        return null;
    }

    /** {@link AtomicFiles} temp files: a write a crash interrupted before its rename (hidden, never read). */
    private void removeTempFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp-*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                openCleanup.add("half-written " + dir.getFileName() + "/" + file.getFileName());
                LOG.log(System.Logger.Level.INFO, "removed half-written " + file);
            }
        }
    }

    ImageRecord record(Digest id) {
        return records.get(id);
    }

    Collection<ImageRecord> records() {
        return records.values();
    }

    void putRecord(ImageRecord record) {
        AtomicFiles.write(recordsDir.resolve(record.id().hex() + ".json"), ImageJson.write(record));
        records.put(record.id(), record);
    }

    void removeRecord(Digest id) {
        try {
            Files.deleteIfExists(recordsDir.resolve(id.hex() + ".json"));
            AtomicFiles.fsyncDirectory(recordsDir);
        } catch (IOException e) {
            throw RuntimeError.internal("cannot remove image record " + id + ": " + e.getMessage(), e);
        }
        records.remove(id);
    }

    Target target(Reference reference) {
        return references.get(reference.toString());
    }

    /** References of an image, sorted by their full string. */
    List<Reference> referencesOf(Digest id) {
        List<Reference> result = new ArrayList<>();
        references.forEach((text, target) -> {
            if (target.image().equals(id)) {
                result.add(Reference.parse(text));
            }
        });
        return result;
    }

    String lastTagTime(Digest id) {
        return references.values().stream().filter(target -> target.image().equals(id)).map(Target::since)
                .max(String::compareTo).orElse(null);
    }

    void putReference(Reference reference, Digest id, String since) {
        Map<String, Target> next = new TreeMap<>(references);
        next.put(reference.toString(), new Target(id, since));
        saveReferences(next);
    }

    boolean removeReference(Reference reference) {
        if (!references.containsKey(reference.toString())) {
            return false;
        }
        Map<String, Target> next = new TreeMap<>(references);
        next.remove(reference.toString());
        saveReferences(next);
        return true;
    }

    private void saveReferences(Map<String, Target> next) {
        AtomicFiles.write(referencesFile, ImageJson.write(next));
        references.clear();
        references.putAll(next);
    }
}
