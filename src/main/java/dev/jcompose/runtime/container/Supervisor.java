package dev.jcompose.runtime.container;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Applies restart policies: told when containers start, exit or are stopped by a user, it schedules restarts
 * through {@link RestartDecider}. Time and scheduling are injected, so tests drive it with a fake clock.
 */
public final class Supervisor {
    /** Runs a task after a delay; the handle cancels it. */
    public interface Scheduler {
        Cancellable schedule(Duration delay, Runnable task);

        static Scheduler of(ScheduledExecutorService executor) {
            return (delay, task) -> {
                ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            };
        }
    }

    public interface Cancellable {
        void cancel();
    }

    /** Starts the container again; an exception counts as an immediate failed exit. */
    public interface Restarter {
        void restart(String id) throws Exception;
    }

    private record Tracked(RestartPolicy policy, RestartDecider.History history, Instant startedAt,
            boolean manuallyStopped, Cancellable pending) {}

    private final Clock clock;
    private final Scheduler scheduler;
    private final Restarter restarter;
    private final Map<String, Tracked> containers = new HashMap<>();

    public Supervisor(Clock clock, Scheduler scheduler, Restarter restarter) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.restarter = restarter;
    }

    /** A container was started by a user (docker start/run): its restart count starts from zero. */
    public synchronized void started(String id, RestartPolicy policy) {
        cancelPending(id);
        containers.put(id, new Tracked(policy, RestartDecider.History.NEW, clock.instant(), false, null));
    }

    /** A user stopped it: no restart for any policy (the daemon-boot rule is {@link RestartPolicy}'s). */
    public synchronized void stoppedByUser(String id) {
        Tracked t = containers.get(id);
        if (t != null) {
            cancel(t);
            containers.put(id, new Tracked(t.policy(), t.history(), t.startedAt(), true, null));
        }
    }

    /** PID 1 exited with {@code exitCode}; schedules a restart when the policy says so. */
    public synchronized void exited(String id, int exitCode) {
        Tracked t = containers.get(id);
        if (t == null || t.pending() != null) {
            return;
        }
        Duration ranFor = Duration.between(t.startedAt(), clock.instant());
        RestartDecider.Decision d = RestartDecider.onExit(t.policy(), t.history(), exitCode, ranFor,
                t.manuallyStopped());
        Cancellable pending = d.delay().map(delay -> scheduler.schedule(delay, () -> restartNow(id))).orElse(null);
        containers.put(id, new Tracked(t.policy(), d.history(), t.startedAt(), t.manuallyStopped(), pending));
    }

    private void restartNow(String id) {
        synchronized (this) {
            Tracked t = containers.get(id);
            if (t == null || t.pending() == null) {
                return; // stopped, removed or restarted meanwhile
            }
            containers.put(id, new Tracked(t.policy(), t.history(), clock.instant(), false, null));
        }
        try {
            restarter.restart(id);
        } catch (Exception e) {
            exited(id, 128); // could not start: counts as a failure, so the backoff still grows
        }
    }

    /** The container is removed: forget it and cancel a pending restart. */
    public synchronized void forget(String id) {
        cancelPending(id);
        containers.remove(id);
    }

    public synchronized int restartCount(String id) {
        Tracked t = containers.get(id);
        return t == null ? 0 : t.history().restartCount();
    }

    /** True while a restart is scheduled (Docker shows such a container as "restarting"). */
    public synchronized boolean isRestarting(String id) {
        Tracked t = containers.get(id);
        return t != null && t.pending() != null;
    }

    public synchronized Optional<Duration> lastDelay(String id) {
        return Optional.ofNullable(containers.get(id)).map(t -> t.history().lastDelay());
    }

    private void cancelPending(String id) {
        Tracked t = containers.get(id);
        if (t != null) {
            cancel(t);
        }
    }

    private static void cancel(Tracked t) {
        if (t.pending() != null) {
            t.pending().cancel();
        }
    }
}
