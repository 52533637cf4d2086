package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.container.ContainerStatus;
import dev.jcompose.runtime.container.ExitStatus;
import dev.jcompose.runtime.container.RestartPolicy;
import dev.jcompose.runtime.runc.RuncException;
import dev.jcompose.runtime.runc.Signals;
import java.time.Duration;
import java.util.Map;

/**
 * Start, stop, kill, pause and exit handling of containers, each step under the container's lock. A start
 * mounts the rootfs, writes the /etc files, asks networking for a namespace, runs runc create (through conmon),
 * attaches the network, then runc start; any failure undoes what was done. An exit (seen by the watcher or by
 * stop) is recorded once, cleaned up (runc state, network, mount), reported, and handed to the restart policy.
 */
final class Lifecycle {
    private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());
    private final EngineContext ctx;
    private final ContainerStart starts;

    Lifecycle(EngineContext ctx) {
        this.ctx = ctx;
        this.starts = new ContainerStart(ctx, this::handleExit);
    }

    /** docker start: 304 when already running, 409 when paused. */
    void start(String ref) {
        String id = ctx.store.get(ref).id();
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.get(id);
            if (r.state().paused()) {
                throw RuntimeError.conflict("cannot start a paused container, try unpause instead");
            }
            if (r.state().markedForRemoval()) {
                throw RuntimeError.conflict("container is marked for removal and cannot be started");
            }
            if (r.state().hasProcess()) {
                throw RuntimeError.notModified("container already started");
            }
            ctx.supervisor.forget(id);
            PhaseTimer timer = new PhaseTimer("start " + r.shortId());
            if (r.restartCount() != 0 || r.manuallyStopped()) { // durable: the boot rule of restart policies reads them
                r = r.withRestartCount(0).withManuallyStopped(false);
                ctx.store.update(r);
            }
            timer.mark("record");
            starts.run(r, timer);
            timer.log();
            ctx.supervisor.started(id, policy(r));
        });
    }

    static RestartPolicy policy(ContainerRecord r) {
        int max = r.hostConfig().path("RestartPolicy").path("MaximumRetryCount").asInt(0);
        String name = r.restartPolicyName();
        return RestartPolicy.parse(max > 0 && name.equals("on-failure") ? name + ":" + max : name);
    }

    /** docker stop: the stop signal, {@code grace}, then SIGKILL; 304 when not running. */
    void stop(String ref, Duration requested) {
        String id = ctx.store.get(ref).id();
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.get(id);
            if (!r.state().running()) {
                throw RuntimeError.notModified("container already stopped");
            }
            ctx.supervisor.stoppedByUser(id);
            r = r.withManuallyStopped(true);
            ctx.store.update(r);
            if (!r.state().hasProcess()) { // waiting to restart: cancelling the restart is the stop
                ctx.store.update(r.withState(r.state().withStatus(StateRecord.EXITED)));
                ctx.containerEvent(r, "stop");
                return;
            }
            int signal = stopSignal(r);
            ctx.containerEvent(r, "kill", Map.of("signal", Integer.toString(signal)));
            ExitStatus exit;
            try {
                exit = ctx.runtime.stop(id, signal, grace(r, requested));
            } catch (RuntimeException e) {
                // PID 1 exiting during the stop makes runc's kill fail (its namespaces are gone): if it has
                // exited, the stop succeeded; anything else is a real failure.
                exit = ctx.runtime.waitExit(id, java.time.Duration.ofSeconds(2)).orElseThrow(() -> e);
            }
            recordExit(id, exit);
            ctx.containerEvent(ctx.store.get(id), "stop");
        });
    }

    static int stopSignal(ContainerRecord r) {
        String s = DockerJson.text(r.config(), "StopSignal", "");
        try {
            return s.isEmpty() ? Signals.SIGTERM : Signals.parse(s);
        } catch (IllegalArgumentException e) {
            return Signals.SIGTERM;
        }
    }

    /** ?t= wins, then Config.StopTimeout, then Docker's 10 s; a negative value waits (almost) forever. */
    static Duration grace(ContainerRecord r, Duration requested) {
        Duration d = requested;
        if (d == null) {
            Long configured = DockerJson.longOrNull(r.config(), "StopTimeout");
            d = configured == null ? Duration.ofSeconds(10) : Duration.ofSeconds(configured);
        }
        return d.isNegative() ? Duration.ofDays(365) : d;
    }

    /** docker kill: 409 unless running; marks the container manually stopped like Docker. */
    void kill(String ref, String signalName) {
        String id = ctx.store.get(ref).id();
        int signal;
        try {
            signal = signalName == null || signalName.isEmpty() ? Signals.SIGKILL : Signals.parse(signalName);
        } catch (IllegalArgumentException e) {
            throw RuntimeError.badRequest(e.getMessage());
        }
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.get(id);
            if (!r.state().hasProcess()) {
                throw RuntimeError.conflict("Container " + id + " is not running");
            }
            if (r.state().paused()) {
                throw RuntimeError.conflict("Container " + id + " is paused. Unpause the container before stopping "
                        + "or killing");
            }
            if (signal == Signals.SIGKILL || signal == stopSignal(r)) {
                ctx.supervisor.stoppedByUser(id);
                ctx.store.update(r.withManuallyStopped(true));
            }
            ctx.runtime.kill(id, signal);
            ctx.containerEvent(r, "kill", Map.of("signal", Integer.toString(signal)));
        });
        if (signal == Signals.SIGKILL) {
            // Docker's kill returns once the container is down; the exit is recorded by the watcher
            try {
                ctx.waiters.register(id, Waiters.Condition.NOT_RUNNING, () -> ctx.store.get(id).state())
                        .get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                handleExit(id);
            }
        }
    }

    void pause(String ref) {
        String id = ctx.store.get(ref).id();
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.get(id);
            if (!r.state().hasProcess()) {
                throw RuntimeError.conflict("Container " + id + " is not running");
            }
            if (r.state().paused()) {
                throw RuntimeError.conflict("Container " + id + " is already paused");
            }
            ctx.runtime.pause(id);
            ctx.store.update(r.withState(r.state().withStatus(StateRecord.PAUSED)));
            ctx.containerEvent(r, "pause");
        });
    }

    void unpause(String ref) {
        String id = ctx.store.get(ref).id();
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.get(id);
            if (!r.state().paused()) {
                throw RuntimeError.conflict("Container " + id + " is not paused");
            }
            ctx.runtime.unpause(id);
            ctx.store.update(r.withState(r.state().withStatus(StateRecord.RUNNING)));
            ctx.containerEvent(r, "unpause");
        });
    }

    /** docker restart: stop when running (events kill, die, stop), start, then "restart". */
    void restart(String ref, Duration grace) {
        String id = ctx.store.get(ref).id();
        ctx.locked(id, () -> {
            try {
                stop(id, grace);
            } catch (RuntimeError e) {
                if (e.status() != 304) {
                    throw e;
                }
            }
            start(id);
            ctx.containerEvent(ctx.store.get(id), "restart");
        });
    }

    /** The watcher saw an exit file (or the sweep found PID 1 gone): record it if the container really ended. */
    void handleExit(String id) {
        if (ctx.store.byId(id).isEmpty()) {
            return;
        }
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.byId(id).orElse(null);
            if (r == null || !r.state().hasProcess()) {
                return;
            }
            ContainerStatus status;
            try {
                status = ctx.runtime.status(id);
            } catch (RuncException e) {
                status = null; // the bundle is gone: nothing runs any more
            }
            if (status != null && (status.isRunning() || status.state() == ContainerStatus.State.CREATED)) {
                return;
            }
            ExitStatus exit = status == null ? new ExitStatus(ExitStatus.UNKNOWN_CODE, false)
                    : status.exit().orElse(new ExitStatus(ExitStatus.UNKNOWN_CODE, false));
            recordExit(id, exit);
        });
    }

    /** One exit (lock held): state, die event, cleanup, waiters, then restart policy or auto-remove. */
    void recordExit(String id, ExitStatus exit) {
        ContainerRecord r = ctx.store.get(id);
        if (!r.state().hasProcess()) {
            return;
        }
        int code = exit.known() ? exit.exitCode() : 255;
        ctx.health.stop(id);
        ContainerRecord exited = r.withState(r.state().exited(code, exit.oomKilled(), ctx.clock.instant(), null));
        ctx.store.updateState(exited);
        if (exit.oomKilled()) {
            ctx.containerEvent(exited, "oom");
        }
        ctx.containerEvent(exited, "die", Map.of("exitCode", Integer.toString(code)));
        releaseResources(id);
        ctx.waiters.exited(id, code);
        if (!exited.manuallyStopped()) {
            ctx.supervisor.exited(id, code);
            if (ctx.supervisor.isRestarting(id)) {
                ctx.store.update(exited.withState(exited.state().withStatus(StateRecord.RESTARTING)));
                return;
            }
        }
        if (exited.autoRemove()) {
            Thread.ofVirtual().start(() -> autoRemove.accept(id));
        }
    }

    /** Set by the engine: removal for AutoRemove containers (rm -f -v once they exit). */
    java.util.function.Consumer<String> autoRemove = id -> { };

    /** Runc state, network, mount: what a stopped container must not hold. Each step tolerates "already gone". */
    void releaseResources(String id) {
        releaseResources(id, new PhaseTimer("release " + id));
    }

    void releaseResources(String id, PhaseTimer timer) {
        quietly(() -> ctx.runtime.delete(id));
        timer.mark("runc-delete");
        quietly(() -> ctx.network.detach(id));
        ctx.setups.remove(id);
        timer.mark("net-detach");
        quietly(() -> ctx.rootfs.unmount(id));
        timer.mark("unmount");
    }

    /** The restart policy's turn: start again unless the user stopped or removed it meanwhile. */
    void restartByPolicy(String id) {
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.byId(id).orElse(null);
            if (r == null || !StateRecord.RESTARTING.equals(r.state().status())) {
                return;
            }
            r = r.withRestartCount(r.restartCount() + 1);
            ctx.store.update(r);
            try {
                starts.run(r, new PhaseTimer("restart " + r.shortId()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "restart of " + id + " failed: " + e.getMessage());
                ctx.supervisor.exited(id, 128);
                ContainerRecord failed = ctx.store.get(id);
                String next = ctx.supervisor.isRestarting(id) ? StateRecord.RESTARTING : StateRecord.EXITED;
                ctx.store.update(failed.withState(failed.state().withStatus(next)));
            }
        });
    }

    /** A probe's result (for the run that started at {@code startedAt}): Health updated, event on a change. */
    void healthResult(String id, String startedAt, HealthRecord.Probe probe, boolean inStartPeriod, int retries) {
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.byId(id).orElse(null);
            if (r == null || !r.state().hasProcess() || !startedAt.equals(r.state().startedAt())
                    || r.state().health() == null) {
                return;
            }
            HealthRecord before = r.state().health();
            HealthRecord after = before.after(probe, inStartPeriod, retries);
            boolean changed = !after.status().equals(before.status());
            ctx.store.update(r.withState(r.state().withHealth(after)), changed);
            if (changed) {
                ctx.containerEvent(r, "health_status: " + after.status());
            }
        });
    }

    static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cleanup step: " + e.getMessage());
        }
    }
}
