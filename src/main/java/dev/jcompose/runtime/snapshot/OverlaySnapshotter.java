package dev.jcompose.runtime.snapshot;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.fs.LayoutVersion;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Snapshots on overlayfs. Each snapshot is a numbered directory {@code <root>/snapshots/<id>/} with
 * {@code fs} (its own layer: the upperdir while active, a lowerdir once committed) and {@code work}
 * (overlayfs's workdir, dropped at commit). Short numeric ids keep lowerdir chains short.
 *
 * <p>Crash safety: a new snapshot's directories are made before its metadata is written, and a removed
 * snapshot's metadata goes before its directories, so a crash leaves at worst a directory nobody refers
 * to; opening the snapshotter deletes those.
 */
public final class OverlaySnapshotter implements Snapshotter {
    private static final System.Logger LOG = System.getLogger(OverlaySnapshotter.class.getName());
    private final Path dir;
    private final java.util.List<String> openCleanup = new java.util.ArrayList<>();
    private final SnapshotMetadata metadata;
    private final List<String> extraOptions;
    private final Clock clock;

    public OverlaySnapshotter(Path runtimeRoot) {
        this(runtimeRoot, Clock.systemUTC());
    }

    public OverlaySnapshotter(Path runtimeRoot, Clock clock) {
        this.dir = runtimeRoot.toAbsolutePath().resolve("snapshots");
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw RuntimeError.internal("cannot create " + dir + ": " + e.getMessage(), e);
        }
        LayoutVersion.ensure(runtimeRoot);
        this.metadata = new SnapshotMetadata(dir.resolve("metadata.json"));
        // index=off, as containerd and Docker do: with the index feature on, a lower layer shared by two
        // overlays may be refused ("upperdir is in-use") or leave stale origin xattrs.
        this.extraOptions = Files.exists(Path.of("/sys/module/overlay/parameters/index")) ? List.of("index=off") : List.of();
        removeOrphanDirectories();
    }

    @Override
    public synchronized List<Mount> prepare(String key, String parent) {
        return create(key, parent, Kind.ACTIVE);
    }

    @Override
    public synchronized List<Mount> view(String key, String parent) {
        return create(key, parent, Kind.VIEW);
    }

    private List<Mount> create(String key, String parent, Kind kind) {
        requireName(key);
        if (metadata.get(key) != null) {
            throw RuntimeError.conflict("snapshot " + key + " already exists");
        }
        if (parent != null) {
            SnapshotMetadata.Entry parentEntry = require(parent);
            if (parentEntry.kind() != Kind.COMMITTED) {
                throw RuntimeError.badRequest("parent snapshot " + parent + " is not committed");
            }
        }
        long id = metadata.allocateId();
        try {
            Files.createDirectories(OverlayOptions.layerDir(dir, id));
            Files.createDirectories(OverlayOptions.workDir(dir, id));
        } catch (IOException e) {
            throw RuntimeError.internal("cannot create snapshot directory: " + e.getMessage(), e);
        }
        metadata.put(new SnapshotMetadata.Entry(key, id, kind, parent, clock.instant().toString(), null));
        metadata.save();
        return mountsOf(metadata.get(key));
    }

    @Override
    public synchronized List<Mount> mounts(String key) {
        SnapshotMetadata.Entry entry = require(key);
        if (entry.kind() == Kind.COMMITTED) {
            throw RuntimeError.badRequest("snapshot " + key + " is committed: prepare or view a child to mount it");
        }
        return mountsOf(entry);
    }

    private List<Mount> mountsOf(SnapshotMetadata.Entry entry) {
        return OverlayOptions.mounts(dir, entry.kind(), entry.id(), metadata.parentIds(entry.parent()), extraOptions,
                OverlayOptions.MAX_OPTION_BYTES);
    }

    @Override
    public synchronized void commit(String name, String key) {
        requireName(name);
        SnapshotMetadata.Entry entry = require(key);
        if (entry.kind() != Kind.ACTIVE) {
            throw RuntimeError.badRequest("snapshot " + key + " is " + entry.kind().name().toLowerCase()
                    + ": only an active snapshot can be committed");
        }
        if (metadata.get(name) != null) {
            throw RuntimeError.conflict("snapshot " + name + " already exists");
        }
        Usage usage = DiskUsage.of(OverlayOptions.layerDir(dir, entry.id()));
        metadata.remove(key);
        metadata.put(new SnapshotMetadata.Entry(name, entry.id(), Kind.COMMITTED, entry.parent(), entry.created(), usage));
        metadata.save();
        deleteTree(OverlayOptions.workDir(dir, entry.id()));
    }

    @Override
    public synchronized void remove(String key) {
        SnapshotMetadata.Entry entry = require(key);
        if (metadata.hasChildren(key)) {
            throw RuntimeError.conflict("cannot remove snapshot " + key + ": it is the parent of another snapshot");
        }
        metadata.remove(key);
        metadata.save();
        deleteTree(dir.resolve(Long.toString(entry.id())));
    }

    @Override
    public synchronized SnapshotInfo stat(String key) {
        return require(key).info();
    }

    @Override
    public synchronized boolean exists(String key) {
        return metadata.get(key) != null;
    }

    @Override
    public synchronized List<SnapshotInfo> list() {
        return metadata.all().stream().map(SnapshotMetadata.Entry::info).toList();
    }

    @Override
    public synchronized Usage usage(String key) {
        SnapshotMetadata.Entry entry = require(key);
        if (entry.usage() != null) {
            return entry.usage();
        }
        return DiskUsage.of(OverlayOptions.layerDir(dir, entry.id()));
    }

    private SnapshotMetadata.Entry require(String key) {
        SnapshotMetadata.Entry entry = metadata.get(key);
        if (entry == null) {
            throw RuntimeError.notFound("snapshot " + key + " not found");
        }
        return entry;
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw RuntimeError.badRequest("snapshot key must not be empty");
        }
    }

    /** What opening the snapshotter removed (directories without metadata), one line per object. */
    public List<String> openCleanup() {
        return List.copyOf(openCleanup);
    }

    private void removeOrphanDirectories() {
        Set<String> known = new HashSet<>();
        metadata.all().forEach(entry -> known.add(Long.toString(entry.id())));
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && !known.contains(name)) {
                    deleteTree(child);
                    openCleanup.add("snapshot directory " + child + " (no metadata)");
                    LOG.log(System.Logger.Level.INFO, "removed snapshot directory without metadata " + child);
                } else if (name.startsWith(".metadata.json.tmp-")) {
                    java.nio.file.Files.deleteIfExists(child); // a metadata rewrite a crash interrupted
                    openCleanup.add("half-written " + child);
                    LOG.log(System.Logger.Level.INFO, "removed half-written " + child);
                }
            }
        } catch (IOException e) {
            throw RuntimeError.internal("cannot scan " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Without following symlinks or crossing mounts: see {@link dev.jcompose.runtime.fs.Trees#delete}. */
    static void deleteTree(Path path) {
        dev.jcompose.runtime.fs.Trees.delete(path);
    }
}
