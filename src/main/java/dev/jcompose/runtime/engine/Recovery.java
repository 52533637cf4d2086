package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.container.ContainerStatus;
import dev.jcompose.runtime.container.ExitStatus;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Reconciles the container records with what runc, the mount table and cgroupfs say, in one of two modes that
 * share every cleanup step ({@link OrphanSweep}):
 * <ul>
 * <li>{@link Mode#BOOT}, at daemon start: containers still running under conmon are adopted as they are; those
 *     that exited while the daemon was down get the exit code conmon recorded and are cleaned up; then restart
 *     policies apply (always, and unless-stopped when not stopped by hand), as at Docker's boot.</li>
 * <li>{@link Mode#SHUTDOWN}, for {@code jcompose engine stop --cleanup} once the daemon is gone: running
 *     containers are stopped (their stop signal, their grace, then SIGKILL), as dockerd does at shutdown without
 *     live-restore; their exit is recorded without a restart, so the next boot applies the policies.</li>
 * </ul>
 * At boot, the containers the restart policies start are returned, not started (see {@link Result}).
 * Either way, stopped containers hold no mount, runc state or cgroup, and leftovers of a crash (bundles,
 * snapshots, directories without a record) are removed. Returns what was removed, one line per object.
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    /** Daemon start (adopt, then restart policies) or offline shutdown cleanup (stop everything). */
    enum Mode { BOOT, SHUTDOWN }

    private final EngineContext ctx;
    private final Lifecycle lifecycle;
    private final Snapshotter snapshotter;

    Recovery(EngineContext ctx, Lifecycle lifecycle, Snapshotter snapshotter) {
        this.ctx = ctx;
        this.lifecycle = lifecycle;
        this.snapshotter = snapshotter;
    }

    /**
     * What a run did: containers stopped (shutdown only), objects removed, containers still running, and (boot
     * only) the containers whose restart policy starts them now, for the caller to start once the rest of the
     * daemon's recovery (network reconcile, image garbage) is done, so that never races a starting container.
     */
    record Result(List<String> stopped, List<String> removed, Set<String> live, List<String> bootStarts) {
    }

    Result run(Mode mode) {
        Map<String, ContainerStatus> bundles = new HashMap<>();
        try {
            ctx.runtime.recover().forEach(s -> bundles.put(s.id(), s));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list runc containers: " + e.getMessage());
        }
        Set<String> bundleIds = new java.util.HashSet<>(bundles.keySet());
        List<String> stopped = new ArrayList<>();
        List<String> released = new ArrayList<>();
        List<Thread> stops = new ArrayList<>();
        for (ContainerRecord r : ctx.store.all()) {
            ContainerStatus status = bundles.remove(r.id());
            try {
                if (mode == Mode.SHUTDOWN && status != null && status.isRunning()) {
                    // in parallel: each may wait its whole grace period, as dockerd's shutdown does
                    stops.add(Thread.ofVirtual().start(() -> stopForShutdown(r, stopped)));
                } else {
                    recover(r, status, mode, released);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "recovery of " + r.id() + ": " + e.getMessage(), e);
            }
        }
        join(stops);
        Set<String> live = ctx.store.all().stream().filter(r -> r.state().hasProcess()).map(ContainerRecord::id)
                .collect(Collectors.toSet());
        List<String> removed = new ArrayList<>(released);
        removed.addAll(new OrphanSweep(ctx, snapshotter).run(live, bundleIds));
        List<String> bootStarts = new ArrayList<>();
        if (mode == Mode.BOOT) {
            for (ContainerRecord r : ctx.store.all()) {
                if (!r.state().running() && Lifecycle.policy(r).startsOnDaemonBoot(r.manuallyStopped())) {
                    bootStarts.add(r.id());
                }
            }
        }
        return new Result(List.copyOf(stopped), removed, live, bootStarts);
    }

    /**
     * At boot a container that died while the daemon was down goes through the normal exit path (events,
     * restart policy, auto-remove), which releases what it held; at a shutdown cleanup only its exit is recorded
     * and {@link OrphanSweep} and the network cleanup remove (and report) its objects one by one.
     */
    private void recover(ContainerRecord r, ContainerStatus status, Mode mode, List<String> released) {
        String id = r.id();
        if (r.state().hasProcess() && status != null && status.isRunning()) {
            adopt(r, status);
            return;
        }
        String cutShort = cutShortRemoval(r);
        if (cutShort != null) {
            ctx.store.update(r.withState(r.state().dead(cutShort)));
            LOG.log(System.Logger.Level.WARNING, "container " + id + " is dead: " + cutShort);
            if (mode == Mode.BOOT) {
                lifecycle.releaseResources(id);
            }
            return;
        }
        if (r.state().hasProcess()) {
            ExitStatus exit = status == null ? new ExitStatus(ExitStatus.UNKNOWN_CODE, false)
                    : status.exit().orElse(new ExitStatus(ExitStatus.UNKNOWN_CODE, false));
            if (mode == Mode.BOOT) {
                ctx.locked(id, () -> lifecycle.recordExit(id, exit));
                released.add("runc state, rootfs mount, cgroup and network of container " + r.shortId()
                        + " (exited while the engine was down, exit " + (exit.known() ? exit.exitCode() : 255) + ")");
                LOG.log(System.Logger.Level.INFO, "released container " + id + ": it exited while the engine was down");
            } else {
                recordExitForShutdown(id, exit);
            }
            return;
        }
        if (r.state().running()) { // was waiting to restart: the boot rule decides now
            ctx.store.update(r.withState(r.state().withStatus(StateRecord.EXITED)));
        }
        if (mode == Mode.BOOT) {
            lifecycle.releaseResources(id); // normally nothing to release: the sweeps report what a crash left
        }
    }

    /**
     * Why a container that is not running can no longer be started, or null. A removal marks the record first
     * and drops the record last, so a crash in between leaves a "removing" record, possibly without its
     * writable layer; like dockerd at boot it becomes dead (only {@code docker rm} works on it, and compose
     * recreates it) instead of a container whose start fails on a missing snapshot.
     */
    private String cutShortRemoval(ContainerRecord r) {
        if (StateRecord.REMOVING.equals(r.state().status())) {
            return "removal interrupted: the engine stopped while removing the container";
        }
        if (!r.state().markedForRemoval() && !snapshotter.exists(r.id())) {
            return "its writable layer (snapshot) is missing";
        }
        return null;
    }

    /**
     * dockerd's shutdown without live-restore: stop signal, grace, SIGKILL. The exit is recorded as is, not as
     * a stop by hand and without the supervisor (no restart in this process): the next boot's rule decides.
     */
    private void stopForShutdown(ContainerRecord r, List<String> stopped) {
        String id = r.id();
        ExitStatus exit;
        try {
            exit = ctx.runtime.stop(id, Lifecycle.stopSignal(r), Lifecycle.grace(r, null));
        } catch (RuntimeException e) {
            exit = ctx.runtime.waitExit(id, Duration.ofSeconds(2)).orElse(new ExitStatus(ExitStatus.UNKNOWN_CODE, false));
        }
        int code = recordExitForShutdown(id, exit);
        synchronized (stopped) {
            stopped.add("container " + r.name().replaceFirst("^/", "") + " (" + r.shortId() + ", exit "
                    + code + ")");
        }
        LOG.log(System.Logger.Level.INFO, "stopped container " + id + " for shutdown, exit " + code);
    }

    /**
     * The exit as it happened, and no restart scheduled in this (offline) process. What the container held is
     * left to the sweeps, which remove and report each object.
     */
    private int recordExitForShutdown(String id, ExitStatus exit) {
        int code = exit.known() ? exit.exitCode() : 255;
        ContainerRecord current = ctx.store.get(id);
        ctx.store.update(current.withState(current.state().exited(code, exit.oomKilled(), ctx.clock.instant(), null)));
        return code;
    }

    private static void join(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
}
