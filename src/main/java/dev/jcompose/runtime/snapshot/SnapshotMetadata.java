package dev.jcompose.runtime.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The snapshots' bookkeeping, one JSON file rewritten atomically on every change
 * ({@code <root>/snapshots/metadata.json}). Callers hold the snapshotter's lock.
 */
final class SnapshotMetadata {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** One snapshot: its numbered directory, its kind and parent, its usage once committed. */
    record Entry(
            @JsonProperty("name") String name,
            @JsonProperty("id") long id,
            @JsonProperty("kind") Kind kind,
            @JsonProperty("parent") String parent,
            @JsonProperty("created") String created,
            @JsonProperty("usage") Usage usage) {

        SnapshotInfo info() {
            return new SnapshotInfo(name, parent, kind, Instant.parse(created));
        }
    }

    record State(@JsonProperty("nextId") long nextId, @JsonProperty("snapshots") List<Entry> snapshots) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new TreeMap<>();
    private long nextId = 1;

    SnapshotMetadata(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try {
                State state = JSON.readValue(file.toFile(), State.class);
                nextId = state.nextId();
                state.snapshots().forEach(entry -> entries.put(entry.name(), entry));
            } catch (IOException e) {
                throw RuntimeError.internal("corrupt snapshot metadata " + file + ": " + e.getMessage(), e);
            }
        }
    }

    Entry get(String name) {
        return entries.get(name);
    }

    Collection<Entry> all() {
        return entries.values();
    }

    long allocateId() {
        return nextId++;
    }

    void put(Entry entry) {
        entries.put(entry.name(), entry);
    }

    void remove(String name) {
        entries.remove(name);
    }

    boolean hasChildren(String name) {
        return entries.values().stream().anyMatch(entry -> name.equals(entry.parent()));
    }

    /** Parent ids, nearest first. */
    List<Long> parentIds(String parent) {
        List<Long> ids = new ArrayList<>();
        for (String current = parent; current != null; current = entries.get(current).parent()) {
            ids.add(entries.get(current).id());
        }
        return ids;
    }

    void save() {
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new State(nextId, List.copyOf(entries.values()))));
        } catch (IOException e) {
            throw RuntimeError.internal("cannot serialise snapshot metadata: " + e.getMessage(), e);
        }
    }
}
