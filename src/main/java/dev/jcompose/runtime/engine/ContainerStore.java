package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The container records: one directory per container under {@code <root>/containers/<id>/} holding
 * {@code container.json} (written with {@link AtomicFiles}, so a crash leaves the old or the new record), the
 * generated /etc files, the rootfs mount point and the logs. Names are unique; lookups follow Docker: full id,
 * then name, then unique id prefix.
 */
public final class ContainerStore {
    public static final String RECORD_FILE = "container.json";
    private static final Pattern VALID_NAME = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");
    private static final System.Logger LOG = System.getLogger(ContainerStore.class.getName());
    private static final com.fasterxml.jackson.databind.ObjectWriter RECORD_WRITER =
            DockerJson.MAPPER.writerWithDefaultPrettyPrinter();

    private final Path dir;
    private final Map<String, ContainerRecord> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByName = new HashMap<>();

    public ContainerStore(Path root) {
        this.dir = root.toAbsolutePath().resolve("containers");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw RuntimeError.internal("cannot create " + dir + ": " + e.getMessage(), e);
        }
        load();
    }

    /** Reads every record; a directory without a readable record is left for recovery to judge. */
    private void load() {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                Path file = child.resolve(RECORD_FILE);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    ContainerRecord r = DockerJson.MAPPER.readValue(file.toFile(), ContainerRecord.class);
                    byId.put(r.id(), r);
                    idByName.put(r.name(), r.id());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "unreadable container record " + file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw RuntimeError.internal("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The container's own directory (state files, mount point, logs). */
    public Path dirOf(String id) {
        return dir.resolve(id);
    }

    public static void checkName(String name) {
        if (!VALID_NAME.matcher(name).matches()) {
            throw RuntimeError.badRequest("Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }

    /** Adds a new record; its name must be free (Docker's 409 wording otherwise). */
    public synchronized void add(ContainerRecord record) {
        requireFreeName(record.name());
        write(record);
        byId.put(record.id(), record);
        idByName.put(record.name(), record.id());
    }

    public synchronized void requireFreeName(String name) {
        String holder = idByName.get(name);
        if (holder != null) {
            throw RuntimeError.conflict("Conflict. The container name \"/" + name + "\" is already in use by container \""
                    + holder + "\". You have to remove (or rename) that container to be able to reuse that name.");
        }
    }

    public synchronized boolean nameTaken(String name) {
        return idByName.containsKey(name);
    }

    /** Replaces a record (same id); with {@code persist} false only the memory copy changes (health probes). */
    public synchronized void update(ContainerRecord record, boolean persist) {
        ContainerRecord old = byId.get(record.id());
        if (old == null) {
            throw RuntimeError.notFound("No such container: " + record.id());
        }
        if (!old.name().equals(record.name())) {
            requireFreeName(record.name());
            idByName.remove(old.name());
            idByName.put(record.name(), record.id());
        }
        if (persist) {
            write(record);
        }
        byId.put(record.id(), record);
    }

    public void update(ContainerRecord record) {
        update(record, true);
    }

    /**
     * A state transition of the lifecycle (running, exited): the record file is fsynced before its rename, as
     * Docker's checkpoint is, but the directory is not. A power cut may bring back the previous state, which
     * recovery corrects against runc (the container's processes die with the machine anyway); a crash of the
     * daemon alone loses nothing. Saves a journal commit on every start and exit.
     */
    public synchronized void updateState(ContainerRecord record) {
        ContainerRecord old = byId.get(record.id());
        if (old == null) {
            throw RuntimeError.notFound("No such container: " + record.id());
        }
        if (!old.name().equals(record.name())) {
            throw new IllegalArgumentException("a state update cannot rename " + record.id());
        }
        write(record, false);
        byId.put(record.id(), record);
    }

    /** Forgets the record and deletes its file; the caller removes the rest of the directory. */
    public synchronized void remove(String id) {
        ContainerRecord r = byId.remove(id);
        if (r != null) {
            idByName.remove(r.name());
        }
        try {
            Files.deleteIfExists(dirOf(id).resolve(RECORD_FILE));
        } catch (IOException e) {
            throw RuntimeError.internal("cannot delete the record of " + id + ": " + e.getMessage(), e);
        }
    }

    public Optional<ContainerRecord> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Docker's lookup order: full id, name (with or without "/"), unique id prefix. */
    public synchronized Optional<ContainerRecord> find(String ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        ContainerRecord exact = byId.get(ref);
        if (exact != null) {
            return Optional.of(exact);
        }
        String name = ref.startsWith("/") ? ref.substring(1) : ref;
        String named = idByName.get(name);
        if (named != null) {
            return Optional.ofNullable(byId.get(named));
        }
        if (!HEX.matcher(ref).matches()) {
            return Optional.empty();
        }
        List<ContainerRecord> matches = byId.values().stream().filter(r -> r.id().startsWith(ref)).toList();
        if (matches.size() > 1) {
            throw RuntimeError.badRequest("multiple IDs found with provided prefix: " + ref);
        }
        return matches.stream().findFirst();
    }

    public ContainerRecord get(String ref) {
        return find(ref).orElseThrow(() -> RuntimeError.notFound("No such container: " + ref));
    }

    /** All records, newest first (Docker's list order). */
    public List<ContainerRecord> all() {
        List<ContainerRecord> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(ContainerRecord::created).reversed().thenComparing(ContainerRecord::id));
        return out;
    }

    private void write(ContainerRecord record) {
        write(record, true);
    }

    private void write(ContainerRecord record, boolean durableRename) {
        try {
            Files.createDirectories(dirOf(record.id()));
            AtomicFiles.write(dirOf(record.id()).resolve(RECORD_FILE), RECORD_WRITER.writeValueAsBytes(record),
                    durableRename);
        } catch (IOException e) {
            throw RuntimeError.internal("cannot write the record of " + record.id() + ": " + e.getMessage(), e);
        }
    }
}
