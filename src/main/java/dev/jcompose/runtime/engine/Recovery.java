package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.container.ContainerStatus;
import dev.jcompose.runtime.container.ExitStatus;
import dev.jcompose.runtime.snapshot.Kind;
import dev.jcompose.runtime.snapshot.SnapshotInfo;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Daemon start: reconciles the container records with what runc and the mount table say. Containers still
 * running under conmon are adopted as they are; those that exited while the daemon was down get the exit code
 * conmon recorded and are cleaned up; stopped containers hold no mount and no runc state; leftovers of a crash
 * (bundles, snapshots, directories without a record) are removed. Then restart policies apply (always, and
 * unless-stopped when not stopped by hand), as at Docker's boot.
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());
    private static final Pattern CONTAINER_ID = Pattern.compile("[0-9a-f]{64}");

    private final EngineContext ctx;
    private final Lifecycle lifecycle;
    private final Snapshotter snapshotter;

    Recovery(EngineContext ctx, Lifecycle lifecycle, Snapshotter snapshotter) {
        this.ctx = ctx;
        this.lifecycle = lifecycle;
        this.snapshotter = snapshotter;
    }

    void run() {
        Map<String, ContainerStatus> bundles = new HashMap<>();
        try {
            ctx.runtime.recover().forEach(s -> bundles.put(s.id(), s));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list runc containers: " + e.getMessage());
        }
        for (ContainerRecord r : ctx.store.all()) {
            try {
                recover(r, bundles.remove(r.id()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "recovery of " + r.id() + ": " + e.getMessage(), e);
            }
        }
        bundles.keySet().forEach(id -> Lifecycle.quietly(() -> ctx.runtime.delete(id)));
        removeOrphanDirectories();
        removeOrphanSnapshots();
        for (ContainerRecord r : ctx.store.all()) {
            if (!r.state().running() && Lifecycle.policy(r).startsOnDaemonBoot(r.manuallyStopped())) {
                Thread.ofVirtual().start(() -> Lifecycle.quietly(() -> lifecycle.start(r.id())));
            }
        }
    }

    private void recover(ContainerRecord r, ContainerStatus status) {
        String id = r.id();
        if (r.state().hasProcess() && status != null && status.isRunning()) {
            adopt(r, status);
            return;
        }
        if (r.state().hasProcess()) {
            ExitStatus exit = status == null ? new ExitStatus(ExitStatus.UNKNOWN_CODE, false)
                    : status.exit().orElse(new ExitStatus(ExitStatus.UNKNOWN_CODE, false));
            ctx.locked(id, () -> lifecycle.recordExit(id, exit));
            return;
        }
        if (r.state().running()) { // was waiting to restart: the boot rule decides now
            ctx.store.update(r.withState(r.state().withStatus(StateRecord.EXITED)));
        }
        lifecycle.releaseResources(id);
    }

    /** Still running under conmon: same state, pid, healthcheck and restart tracking as before. */
    private void adopt(ContainerRecord r, ContainerStatus status) {
        String state = status.state() == ContainerStatus.State.PAUSED ? StateRecord.PAUSED : StateRecord.RUNNING;
        ContainerRecord adopted = r.withState(r.state().withStatus(state).withPid(status.pid()));
        ctx.store.update(adopted);
        ctx.runEpochs.computeIfAbsent(r.id(), k -> new AtomicLong()).incrementAndGet();
        ctx.setups.put(r.id(), ctx.network.recovered(r.id(), EngineContext.networkRequest(adopted)));
        ctx.supervisor.started(r.id(), Lifecycle.policy(adopted));
        HealthMonitor.Spec.of(adopted.config().path("Healthcheck"))
                .ifPresent(s -> ctx.health.start(r.id(), s, adopted.state().startedAt()));
        LOG.log(System.Logger.Level.INFO, "re-adopted running container " + r.id());
    }

    /** Directories of containers whose record is gone (crash during create or remove). */
    private void removeOrphanDirectories() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(ctx.store.dir())) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (CONTAINER_ID.matcher(id).matches() && ctx.store.byId(id).isEmpty()) {
                    Lifecycle.quietly(() -> ctx.rootfs.unmount(id));
                    if (!ctx.rootfs.isMounted(id)) {
                        Lifecycle.quietly(() -> VolumeStore.deleteTree(dir));
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot scan " + ctx.store.dir() + ": " + e.getMessage());
        }
    }

    /** Writable layers named by a container id that has no record. */
    private void removeOrphanSnapshots() {
        List<SnapshotInfo> all = snapshotter.list();
        for (SnapshotInfo s : all) {
            if (s.kind() == Kind.ACTIVE && CONTAINER_ID.matcher(s.name()).matches()
                    && ctx.store.byId(s.name()).isEmpty()) {
                Lifecycle.quietly(() -> snapshotter.remove(s.name()));
            }
        }
    }
}
