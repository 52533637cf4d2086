package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.container.Supervisor;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.ImageUsage;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The container and volume backend of the embedded engine, in Docker's terms (ids, names, Config/HostConfig,
 * states, events). Routes call it; it drives the image store, snapshots, runc (through ContainerRuntime) and
 * networking (through a {@link NetworkAttacher}). Thread-safe; each container's lifecycle is serialised.
 */
public final class ContainerEngine implements AutoCloseable, ImageUsage {
    /** Counts for /info. */
    public record Counts(int containers, int running, int paused, int stopped) {
    }

    /**
     * What {@link #shutdownCleanup} did: containers stopped ("name (short id, exit N)"), objects removed, and the
     * ids of containers still running (a stop that failed): their network objects must stay.
     */
    public record ShutdownCleanup(List<String> stopped, List<String> removed, java.util.Set<String> stillRunning) {
    }

    /** POST /containers/create's answer. */
    public record Created(String id, List<String> warnings) {
    }

    private final EngineContext ctx;
    private final Lifecycle lifecycle;
    private final ExecManager execs;
    private final ContainerCreator creator;
    private final LogReader logs;
    private final NetworkConnections connections;
    private final ContainerFiles files;
    private final ContainerTop top;
    private final ContainerStats stats;
    private final ContainerStdio stdio;
    private final ScheduledExecutorService scheduler;
    private ExitWatcher watcher;
    /** What the start-up recovery removed (one line per object), for the daemon's own report. */
    List<String> recoveryReport = List.of();
    /** Ids whose restart policy starts them at boot, until {@link #startByBootPolicies()}. */
    List<String> pendingBootStarts = List.of();

    ContainerEngine(EngineContext ctx, ScheduledExecutorService scheduler) {
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.lifecycle = new Lifecycle(ctx);
        this.execs = new ExecManager(ctx);
        this.creator = new ContainerCreator(ctx);
        this.logs = new LogReader(ctx);
        this.connections = new NetworkConnections(ctx);
        this.files = new ContainerFiles(ctx);
        this.top = new ContainerTop(ctx);
        this.stats = new ContainerStats(ctx);
        this.stdio = new ContainerStdio(ctx);
        ctx.health = new HealthMonitor(ctx.clock, execs::probe, lifecycle::healthResult);
        ctx.supervisor = new Supervisor(ctx.clock, Supervisor.Scheduler.of(scheduler), lifecycle::restartByPolicy);
        lifecycle.autoRemove = id -> Lifecycle.quietly(() -> remove(id, true, true));
        ctx.volumes.usersFrom(this::volumeUsers);
    }

    /**
     * Opens the stores, recovers containers left by a previous daemon, starts watching for exits, and starts the
     * containers whose restart policy says so at boot.
     */
    public static ContainerEngine open(EngineOptions options, ImageStore images, Snapshotter snapshotter) {
        return EngineAssembly.open(options, images, snapshotter, false);
    }

    /**
     * As {@link #open}, but the boot starts of restart policies wait for {@link #startByBootPolicies()}: the
     * daemon first finishes its recovery (the network reconcile would otherwise see a container that is
     * being started as dead and detach it).
     */
    public static ContainerEngine openDeferringBootStarts(EngineOptions options, ImageStore images,
            Snapshotter snapshotter) {
        return EngineAssembly.open(options, images, snapshotter, true);
    }

    /** Starts (in the background) the containers recovery found due for a start at boot; once. */
    public synchronized void startByBootPolicies() {
        for (String id : pendingBootStarts) {
            Thread.ofVirtual().start(() -> Lifecycle.quietly(() -> lifecycle.start(id)));
        }
        pendingBootStarts = List.of();
    }

    /**
     * {@code engine stop --cleanup}, with the daemon gone: stops the containers that still run (as dockerd does at
     * shutdown without live-restore) and removes runc states, mounts, cgroups, snapshots and directories no
     * container owns. The same steps as the start-up recovery. Returns what it did, one line per object.
     */
    public static ShutdownCleanup shutdownCleanup(EngineOptions options, ImageStore images, Snapshotter snapshotter) {
        return EngineAssembly.shutdownCleanup(options, images, snapshotter);
    }

    /** What the start-up recovery removed, one line per object. */
    public List<String> recoveryReport() {
        return recoveryReport;
    }

    void startWatching() {
        watcher = new ExitWatcher(ctx.options.exitDir(), lifecycle::handleExit, this::sweep, ctx.options.exitSweep());
        watcher.start();
    }

    Lifecycle lifecycle() {
        return lifecycle;
    }

    EngineContext context() {
        return ctx;
    }

    /** Running containers whose PID 1 is gone without the watcher noticing (no inotify, missed event). */
    private void sweep() {
        for (ContainerRecord r : ctx.store.all()) {
            if (r.state().hasProcess() && !processAlive(r.state().pid())) {
                Thread.ofVirtual().start(() -> lifecycle.handleExit(r.id()));
            }
        }
    }

    private static boolean processAlive(int pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && !isZombie(pid);
    }

    private static boolean isZombie(int pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Integer.toString(pid), "stat"));
            String rest = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return rest.startsWith("Z") || rest.startsWith("X");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    // --- create, list, inspect ---

    /** POST /containers/create: the image's defaults merged in, mounts and volumes planned, the rootfs prepared. */
    public Created create(String requestedName, JsonNode body) {
        return new Created(creator.create(requestedName, body), List.of());
    }

    public ContainerRecord get(String ref) {
        return ctx.store.get(ref);
    }

    public List<ContainerRecord> list() {
        return ctx.store.all();
    }

    /** What networking did for a running container (addresses, ports); empty when stopped. */
    public Optional<NetworkSetup> networkSetup(String id) {
        return Optional.ofNullable(ctx.setups.get(id));
    }

    /** docker network connect ({@code network} by name): kept for the next start, live when running. */
    public void connectNetwork(String ref, String network, JsonNode endpointConfig) {
        connections.connect(ref, network, endpointConfig);
    }

    /** docker network disconnect ({@code network} by name). */
    public void disconnectNetwork(String ref, String network) {
        connections.disconnect(ref, network);
    }

    /** Restarts by policy so far and whether one is pending, per the supervisor. */
    public boolean restarting(String id) {
        return ctx.supervisor.isRestarting(id);
    }

    public List<String> execIds(String containerId) {
        return execs.idsOf(containerId);
    }

    // --- lifecycle ---

    public void start(String ref) {
        lifecycle.start(ref);
    }

    public void stop(String ref, Duration grace) {
        lifecycle.stop(ref, grace);
    }

    public void kill(String ref, String signal) {
        lifecycle.kill(ref, signal);
    }

    public void restart(String ref, Duration grace) {
        lifecycle.restart(ref, grace);
    }

    public void pause(String ref) {
        lifecycle.pause(ref);
    }

    public void unpause(String ref) {
        lifecycle.unpause(ref);
    }

    public void rename(String ref, String newName) {
        String name = newName == null ? "" : newName.startsWith("/") ? newName.substring(1) : newName;
        if (name.isEmpty()) {
            throw RuntimeError.badRequest("Neither old nor new names may be empty");
        }
        ContainerStore.checkName(name);
        String id = ctx.store.get(ref).id();
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.get(id);
            if (r.name().equals(name)) {
                throw RuntimeError.badRequest("Renaming a container with the same name as its current name");
            }
            ctx.store.update(r.withName(name));
            ctx.containerEvent(ctx.store.get(id), "rename", Map.of("oldName", "/" + r.name()));
        });
    }

    /** docker rm: a running container needs force (then it is killed); -v removes its anonymous volumes. */
    public void remove(String ref, boolean force, boolean removeVolumes) {
        String id = ctx.store.get(ref).id();
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.get(id);
            PhaseTimer timer = new PhaseTimer("remove " + r.shortId());
            if (r.state().running()) {
                if (!force) {
                    throw RuntimeError.conflict("You cannot remove a " + (r.state().paused() ? "paused" : "running")
                            + " container " + id + ". Stop the container before attempting removal or force remove");
                }
                ctx.supervisor.forget(id);
                if (r.state().hasProcess()) {
                    ctx.containerEvent(r, "kill", Map.of("signal", "9"));
                    lifecycle.recordExit(id, ctx.runtime.stop(id, dev.jcompose.runtime.runc.Signals.SIGKILL,
                            Duration.ZERO));
                }
            }
            timer.mark("kill");
            // durable before anything is released: a crash from here on leaves a record boot turns into "dead"
            // (as dockerd does), never a record that looks startable without its rootfs or network
            ContainerRecord marked = ctx.store.get(id);
            ctx.store.update(marked.withState(marked.state().withStatus(StateRecord.REMOVING)));
            ctx.supervisor.forget(id);
            ctx.health.stop(id);
            execs.forgetContainer(id);
            lifecycle.releaseResources(id, timer);
            try {
                ctx.network.released(id);
                if (ctx.rootfs.isMounted(id)) {
                    ctx.rootfs.unmount(id); // releaseResources could not: fail loudly rather than delete a mounted tree
                }
                ctx.rootfs.remove(id);
            } catch (RuntimeException e) {
                ContainerRecord failed = ctx.store.get(id); // dockerd too leaves a container it could not remove dead
                ctx.store.update(failed.withState(failed.state().dead("removal failed: " + e.getMessage())));
                throw e;
            }
            timer.mark("snapshot");
            Lifecycle.quietly(ctx.images::releaseUnusedLayers);
            timer.mark("layers");
            ContainerRecord last = ctx.store.get(id);
            ctx.store.remove(id);
            VolumeStore.deleteTree(ctx.store.dirOf(id));
            timer.mark("record+dir");
            if (removeVolumes) {
                for (MountPoint m : last.mounts()) {
                    if (m.isVolume() && m.anonymous()) {
                        try {
                            ctx.volumes.remove(m.name());
                            ctx.volumeEvent(m.name(), "destroy", Map.of());
                        } catch (RuntimeError e) {
                            // still used by another container (volumes-from): Docker keeps it silently
                        }
                    }
                }
            }
            ctx.containerEvent(last, "destroy");
            ctx.waiters.removed(id, last.state().exitCode());
            ctx.runEpochs.remove(id);
            timer.log();
        });
        ctx.forgetLock(id);
    }

    /** POST /wait: the future completes with the exit code when {@code condition} is met. */
    public CompletableFuture<Integer> waitFor(String ref, String condition) {
        Waiters.Condition c = Waiters.Condition.parse(condition);
        String id = ctx.store.get(ref).id();
        return ctx.waiters.register(id, c, () -> ctx.store.byId(id).map(ContainerRecord::state)
                .orElse(StateRecord.created()));
    }

    public void cancelWait(String ref, CompletableFuture<Integer> f) {
        ctx.store.find(ref).ifPresent(r -> ctx.waiters.cancel(r.id(), f));
    }

    /** The run counter of a container (incremented at each start), for attach streams. */
    public long runEpoch(String id) {
        return ctx.epoch(id);
    }

    public ExecManager execs() {
        return execs;
    }

    /** docker cp and docker export. */
    public ContainerFiles files() {
        return files;
    }

    /** docker top. */
    public ContainerTop top() {
        return top;
    }

    /** docker stats. */
    public ContainerStats stats() {
        return stats;
    }

    public LogReader logs() {
        return logs;
    }

    /** stdin and TTY size of containers created with OpenStdin or Tty. */
    public ContainerStdio stdio() {
        return stdio;
    }

    public EventBus events() {
        return ctx.events;
    }

    // --- volumes ---

    public VolumeStore volumes() {
        return ctx.volumes;
    }

    public VolumeRecord createVolume(String name, String driver, Map<String, String> labels,
            Map<String, String> options) {
        boolean existed = name != null && !name.isEmpty() && ctx.volumes.find(name).isPresent();
        VolumeRecord v = ctx.volumes.create(name, driver, labels, options, false);
        if (!existed) {
            ctx.volumeEvent(v.name(), "create", Map.of());
        }
        return v;
    }

    public void removeVolume(String name) {
        ctx.volumes.remove(name);
        ctx.volumeEvent(name, "destroy", Map.of());
    }

    /** The image store this engine creates containers from (for views that join both, e.g. GET /system/df). */
    public ImageStore images() {
        return ctx.images;
    }

    /** Bytes of the files a container wrote into its own layer (SizeRw); 0 when it has no layer. */
    public long writableSize(String id) {
        return ctx.rootfs.writableSize(id);
    }

    /** GET /containers/{id}/changes: the container's file changes against its image, sorted by path. */
    public List<dev.jcompose.runtime.snapshot.FileChange> changes(String ref) {
        return ctx.rootfs.changes(get(ref).id());
    }

    /** Ids of containers whose mounts use the volume. */
    public List<String> volumeUsers(String volume) {
        List<String> out = new ArrayList<>();
        for (ContainerRecord r : ctx.store.all()) {
            if (r.mounts().stream().anyMatch(m -> m.isVolume() && m.name().equals(volume))) {
                out.add(r.id());
            }
        }
        return out;
    }

    // --- daemon ---

    public Counts counts() {
        int running = 0;
        int paused = 0;
        int stopped = 0;
        List<ContainerRecord> all = ctx.store.all();
        for (ContainerRecord r : all) {
            if (r.state().paused()) {
                paused++;
            } else if (r.state().running()) {
                running++;
            } else {
                stopped++;
            }
        }
        return new Counts(all.size(), running, paused, stopped);
    }

    @Override
    public List<User> usersOf(Digest imageId) {
        return ctx.store.all().stream().filter(r -> r.imageId().equals(imageId.toString()))
                .map(r -> new User(r.id(), r.state().hasProcess())).toList();
    }

    /** Stops watching and checking; containers keep running (they belong to conmon), like live-restore. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        ctx.health.close();
        scheduler.shutdownNow();
    }

    static ScheduledExecutorService newScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("restarts")
                .unstarted(r));
    }
}
