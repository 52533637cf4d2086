package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.container.Cgroups;
import dev.jcompose.runtime.snapshot.Kind;
import dev.jcompose.runtime.snapshot.Mounter;
import dev.jcompose.runtime.snapshot.SnapshotInfo;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The container-side leftovers of a crash, found by looking at the host rather than at the records: runc
 * states, mounts under the state dirs, cgroup leaves, container directories and writable snapshots that no
 * living container owns. Every step is idempotent and returns what it removed, one line per object, so the
 * daemon start and {@code engine stop --cleanup} can log and print the same thing.
 */
final class OrphanSweep {
    private static final System.Logger LOG = System.getLogger(OrphanSweep.class.getName());
    static final Pattern CONTAINER_ID = Pattern.compile("[0-9a-f]{64}");

    private final EngineContext ctx;
    private final Snapshotter snapshotter;
    private final Mounter mounter = new Mounter();
    private final List<String> removed = new ArrayList<>();

    OrphanSweep(EngineContext ctx, Snapshotter snapshotter) {
        this.ctx = ctx;
        this.snapshotter = snapshotter;
    }

    /** Runs every step; {@code live} are the containers whose processes keep running (their objects stay). */
    List<String> run(Set<String> live, Set<String> bundleIds) {
        runcStates(live, bundleIds);
        mounts(live);
        containerDirectories();
        snapshots();
        cgroups(live);
        return List.copyOf(removed);
    }

    /**
     * runc states and our bundles (with or without the other) of containers that are not live: killed and
     * deleted, with their cgroup leaf.
     */
    private void runcStates(Set<String> live, Set<String> bundleIds) {
        java.util.SortedSet<String> ids = new java.util.TreeSet<>(bundleIds);
        try {
            ids.addAll(ctx.runtime.runcIds());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list runc containers: " + e.getMessage());
        }
        for (String id : ids) {
            if (!live.contains(id)) {
                step("runc container " + id + " (state, bundle, cgroup)", () -> ctx.runtime.delete(id));
            }
        }
    }

    /**
     * Whatever is mounted under the state dirs and is not the rootfs of a live container: container rootfs
     * overlays of a crash, and anything a killed helper left. Deepest first, so a mount on a mount goes first.
     */
    private void mounts(Set<String> live) {
        List<Path> found = new ArrayList<>(mounter.mountsUnder(ctx.options.root()));
        found.addAll(mounter.mountsUnder(ctx.options.runDir()));
        found.sort(Comparator.comparing(Path::toString).reversed());
        for (Path m : found) {
            boolean liveRootfs = live.stream().anyMatch(id -> m.equals(ctx.rootfs.dir(id).toAbsolutePath().normalize()));
            if (!liveRootfs) {
                step("mount " + m, () -> mounter.unmount(m));
            }
        }
    }

    /** Directories of containers whose record is gone (crash during create or remove). */
    private void containerDirectories() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(ctx.store.dir())) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (CONTAINER_ID.matcher(id).matches() && ctx.store.byId(id).isEmpty()
                        && !ctx.rootfs.isMounted(id)) {
                    step("container directory " + dir, () -> VolumeStore.deleteTree(dir));
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot scan " + ctx.store.dir() + ": " + e.getMessage());
        }
    }

    /**
     * Writable layers named by a container id with no record (a crash between the snapshot and the record of a
     * create, or during a remove). Unpacks cut short are the image store's to collect.
     */
    private void snapshots() {
        for (SnapshotInfo s : snapshotter.list()) {
            if (s.kind() != Kind.COMMITTED && CONTAINER_ID.matcher(s.name()).matches()
                    && ctx.store.byId(s.name()).filter(r -> r.id().equals(s.name())).isEmpty()) {
                step("snapshot " + s.name(), () -> snapshotter.remove(s.name()));
            }
        }
    }

    /**
     * cgroup leaves named by a container id under our parent, in every hierarchy, that no live container owns.
     * rmdir(2) refuses a cgroup that still holds a task, so a container of another daemon sharing the parent
     * is never harmed; an empty leaf is garbage whoever made it.
     */
    private void cgroups(Set<String> live) {
        Cgroups cgroups = new Cgroups(Cgroups.DEFAULT_ROOT);
        String parent = ctx.options.cgroupParent();
        List<String> leaves = new ArrayList<>();
        for (Path dir : cgroups.dirsOf(parent)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
                for (Path child : children) {
                    String id = child.getFileName().toString();
                    if (CONTAINER_ID.matcher(id).matches() && !live.contains(id) && !leaves.contains(id)) {
                        leaves.add(id);
                    }
                }
            } catch (IOException e) {
                // hierarchy without our parent: nothing there
            }
        }
        for (String id : leaves) {
            List<Path> before = cgroups.dirsOf(parent + "/" + id).stream().filter(Files::exists).toList();
            List<Path> left = cgroups.remove(parent + "/" + id);
            if (left.stream().noneMatch(p -> p.getFileName().toString().equals(id))) {
                removed.add("cgroup " + parent + "/" + id + " (" + before.size() + " hierarchies)");
                LOG.log(System.Logger.Level.INFO, "removed cgroup " + parent + "/" + id);
            }
        }
    }

    private void step(String what, Runnable action) {
        try {
            action.run();
            removed.add(what);
            LOG.log(System.Logger.Level.INFO, "removed " + what);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove " + what + ": " + e.getMessage());
        }
    }
}
