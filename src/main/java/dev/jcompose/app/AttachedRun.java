package dev.jcompose.app;

import dev.jcompose.app.ProjectContainers.OneOff;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.error.ComposeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The attached part of `up` (no -d), after the convergence: stream the attached containers' output until every
 * watched container has exited, as compose's runInteractiveUp does. --abort-on-container-exit / -failure stop
 * the project at the first (failed) exit; --exit-code-from takes the exit code of that service's first exit.
 * The CLI turns Ctrl-C into {@link #stopGracefully()} and a second one into {@link #kill()}.
 */
public final class AttachedRun {
    /** What ends the run early: nothing, any exit, or a non-zero exit (compose's api.Cascade). */
    public enum Cascade { IGNORE, STOP, FAIL }

    /**
     * @param attachTo        services whose output is shown (empty = every container)
     * @param watchedServices services whose exits end the run (empty = the whole application)
     * @param stopServices    services to stop on abort or Ctrl-C (empty = all)
     * @param exitCodeFrom    service whose exit code the run returns, or null
     * @param since           when `up` began: earlier output and events are not shown again
     */
    public record Options(List<String> attachTo, List<String> watchedServices, List<String> stopServices,
            Cascade cascade, String exitCodeFrom, Duration stopTimeout, Instant since) {
        public Options {
            attachTo = List.copyOf(attachTo);
            watchedServices = List.copyOf(watchedServices);
            stopServices = List.copyOf(stopServices);
        }
    }

    /** Messages compose prints on its own stream while attached. */
    public interface Notices {
        /** --abort-on-container-exit triggered: "Aborting on container exit...". */
        void aborting();
    }

    private final EngineSelector.Selected engine;
    private final String project;
    private final ContainerLifecycle lifecycle;
    private final LogSink sink;
    private final Notices notices;
    private final Options options;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Future<?>> tasks = new ArrayList<>();
    private final List<RuntimeException> errors = new ArrayList<>();
    private final AtomicBoolean aborted = new AtomicBoolean();
    private volatile int exitCode;
    private volatile boolean exitCodeCaptured;

    public AttachedRun(EngineSelector.Selected engine, String project, ContainerLifecycle lifecycle, LogSink sink,
            Notices notices, Options options) {
        this.engine = engine;
        this.project = project;
        this.lifecycle = lifecycle;
        this.sink = sink;
        this.notices = notices;
        this.options = options;
    }

    /**
     * Streams until every watched container has exited; returns the exit code (the aborting container's, or
     * --exit-code-from's service's, else 0). Errors of the background stop are rethrown.
     */
    public int run() throws InterruptedException {
        LogOptions follow = LogOptions.FOLLOW;
        try (LogStreamer streamer = new LogStreamer(engine.engine(), sink);
                ContainerMonitor monitor = new ContainerMonitor(engine.engine(), project, options.watchedServices())) {
            monitor.subscribe(options.since());
            List<ContainerSummary> attached = ProjectContainers.sortedByName(ProjectContainers.list(engine.engine(),
                    project, OneOff.EXCLUDE, true, options.attachTo()));
            Set<String> attachedIds = Set.copyOf(attached.stream().map(ContainerSummary::id).toList());
            monitor.withListener(ProjectLogs.exitPrinter(streamer, sink));
            if (options.cascade() != Cascade.IGNORE) {
                monitor.withListener(this::abortOnExit);
            }
            if (options.exitCodeFrom() != null) {
                monitor.withListener(this::captureExitCode);
            }
            monitor.withListener(event -> {
                boolean attachedService = options.attachTo().isEmpty() || options.attachTo().contains(event.service());
                if (event.type() == ContainerEvent.Type.STARTED && attachedService
                        && (!attachedIds.contains(event.id()) || event.restarting())) {
                    ProjectLogs.followStarted(engine.engine(), streamer, event, follow);
                }
            });
            if (!attached.isEmpty()) {
                sink.attach(attached.stream().map(ProjectContainers::source).toList());
            }
            for (ContainerSummary c : attached) {
                streamer.stream(c.id(), ProjectContainers.source(c), follow, options.since());
            }
            monitor.run();
            awaitBackground();
            streamer.awaitAll(ProjectLogs.DRAIN);
        } finally {
            background.shutdownNow();
        }
        synchronized (errors) {
            if (!errors.isEmpty()) {
                throw errors.getFirst();
            }
        }
        return exitCode;
    }

    private void abortOnExit(ContainerEvent event) {
        if (event.type() != ContainerEvent.Type.EXITED
                || (options.cascade() == Cascade.FAIL && event.exitCode() == 0)) {
            return;
        }
        if (aborted.compareAndSet(false, true)) {
            exitCode = event.exitCode();
            notices.aborting();
            stopGracefully();
        }
    }

    private void captureExitCode(ContainerEvent event) {
        if (!exitCodeCaptured && event.type() == ContainerEvent.Type.EXITED
                && event.service().equals(options.exitCodeFrom())) {
            exitCodeCaptured = true;
            exitCode = event.exitCode();
        }
    }

    /** Stops the project's containers in the background (not removing them); the run ends as they exit. */
    public void stopGracefully() {
        submit(() -> lifecycle.stop(options.stopServices(), options.stopTimeout()));
    }

    /** Kills the project's containers in the background; containers already gone or stopped are fine. */
    public void kill() {
        submit(() -> {
            try {
                lifecycle.kill(options.stopServices(), "SIGKILL", false, true);
            } catch (ComposeException e) {
                if (e.kind() != ComposeException.Kind.NOT_FOUND && e.kind() != ComposeException.Kind.CONFLICT) {
                    throw e;
                }
            }
        });
    }

    private void submit(Runnable task) {
        synchronized (tasks) {
            if (background.isShutdown()) {
                return;
            }
            tasks.add(background.submit(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }));
        }
    }

    private void awaitBackground() throws InterruptedException {
        List<Future<?>> pending;
        synchronized (tasks) {
            pending = List.copyOf(tasks);
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // recorded by the task itself
            }
        }
    }
}
