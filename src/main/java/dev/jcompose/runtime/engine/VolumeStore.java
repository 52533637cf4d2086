package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Local volumes: {@code <root>/volumes/<name>/_data} with metadata beside it. Creating an existing volume returns
 * it; removing one a container uses is refused (Docker's 409, force or not). Who uses a volume is asked of the
 * container side through {@link #usersFrom}.
 */
public final class VolumeStore {
    public static final String LOCAL = "local";
    private static final Pattern VALID_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Clock clock;
    private final Map<String, VolumeRecord> volumes = new TreeMap<>();
    private Function<String, List<String>> users = name -> List.of();

    public VolumeStore(Path root, Clock clock) {
        this.dir = root.toAbsolutePath().resolve("volumes");
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw RuntimeError.internal("cannot create " + dir + ": " + e.getMessage(), e);
        }
        load();
    }

    private void load() {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                Path meta = child.resolve("volume.json");
                if (Files.isRegularFile(meta)) {
                    VolumeRecord v = DockerJson.MAPPER.readValue(meta.toFile(), VolumeRecord.class);
                    volumes.put(v.name(), v);
                } else if (Files.isDirectory(child.resolve("_data"))) {
                    // a crash between mkdir and the metadata write: adopt it as a plain volume
                    String name = child.getFileName().toString();
                    volumes.put(name, new VolumeRecord(name, LOCAL, Map.of(), Map.of(), now(), false));
                }
            }
        } catch (IOException e) {
            throw RuntimeError.internal("cannot read volumes in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Tells the store which containers use a volume (ids); set by the container engine. */
    public void usersFrom(Function<String, List<String>> lookup) {
        this.users = lookup;
    }

    public static String newAnonymousName() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Docker's create: an existing volume is returned as it is (same driver), a new one gets its directory. */
    public synchronized VolumeRecord create(String name, String driver, Map<String, String> labels,
            Map<String, String> options, boolean anonymous) {
        String d = driver == null || driver.isEmpty() ? LOCAL : driver;
        if (!d.equals(LOCAL)) {
            throw RuntimeError.notFound("plugin \"" + d + "\" not found");
        }
        String n = name == null || name.isEmpty() ? newAnonymousName() : name;
        if (!VALID_NAME.matcher(n).matches()) {
            throw RuntimeError.badRequest("create " + n + ": \"" + n + "\" includes invalid characters for a local "
                    + "volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host "
                    + "directory, use absolute path");
        }
        VolumeRecord existing = volumes.get(n);
        if (existing != null) {
            return existing;
        }
        VolumeRecord v = new VolumeRecord(n, LOCAL, labels, options, now(), anonymous);
        try {
            Files.createDirectories(dataDir(n));
            AtomicFiles.write(dir.resolve(n).resolve("volume.json"), DockerJson.MAPPER.writeValueAsBytes(v));
        } catch (IOException e) {
            throw RuntimeError.internal("cannot create volume " + n + ": " + e.getMessage(), e);
        }
        volumes.put(n, v);
        return v;
    }

    public synchronized Optional<VolumeRecord> find(String name) {
        return Optional.ofNullable(volumes.get(name));
    }

    public synchronized VolumeRecord get(String name) {
        return find(name).orElseThrow(() -> RuntimeError.notFound("get " + name + ": no such volume"));
    }

    public synchronized List<VolumeRecord> list() {
        List<VolumeRecord> out = new ArrayList<>(volumes.values());
        out.sort(Comparator.comparing(VolumeRecord::name));
        return out;
    }

    public Path dataDir(String name) {
        return dir.resolve(name).resolve("_data");
    }

    public List<String> usersOf(String name) {
        return users.apply(name);
    }

    /** Removes a volume nobody uses; 409 "volume is in use" otherwise (also with force, like Docker). */
    public synchronized void remove(String name) {
        VolumeRecord v = get(name);
        List<String> using = users.apply(v.name());
        if (!using.isEmpty()) {
            throw RuntimeError.conflict("remove " + name + ": volume is in use - " + using);
        }
        volumes.remove(name);
        try {
            Files.deleteIfExists(dir.resolve(name).resolve("volume.json"));
        } catch (IOException e) {
            throw RuntimeError.internal("cannot remove volume " + name + ": " + e.getMessage(), e);
        }
        deleteTree(dir.resolve(name));
    }

    /** Whether the volume's data directory has no entries (copy-up only fills empty volumes). */
    public boolean isEmpty(String name) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dataDir(name))) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Size of the data in bytes (apparent sizes), for prune's SpaceReclaimed. */
    public long size(String name) {
        long[] total = {0};
        try {
            Files.walkFileTree(dataDir(name), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.isRegularFile() ? attrs.size() : 0;
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort
        }
        return total[0];
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Without following symlinks or crossing mounts: see {@link dev.jcompose.runtime.fs.Trees#delete}. */
    static void deleteTree(Path path) {
        dev.jcompose.runtime.fs.Trees.delete(path);
    }

    static Instant parse(String text) {
        return Instant.parse(text);
    }
}
