package dev.jcompose.app;

import dev.jcompose.app.ProjectContainers.OneOff;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.error.ComposeException;
import dev.jcompose.state.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * `logs`: the output of the project's containers, multiplexed. With follow it keeps going like compose: it
 * picks up containers that start later (recreate, scale, restart), prints "exited with code N" as they stop,
 * and returns once every watched container has exited.
 */
public final class ProjectLogs {
    /** How long an exit status waits for the container's last lines to arrive before it prints. */
    static final Duration DRAIN = Duration.ofSeconds(2);

    private final Engine engine;
    private final String project;
    private final LogSink sink;

    public ProjectLogs(Engine engine, String project, LogSink sink) {
        this.engine = engine;
        this.project = project;
        this.sink = sink;
    }

    public void logs(LogRequest request) throws InterruptedException {
        LogOptions options = request.options();
        try (LogStreamer streamer = new LogStreamer(engine, sink);
                ContainerMonitor monitor = new ContainerMonitor(engine, project, request.watchedServices())) {
            if (options.follow()) {
                monitor.subscribe(null);
            }
            List<ContainerSummary> containers = select(request);
            sink.attach(containers.stream().map(ProjectContainers::source).toList());
            for (ContainerSummary c : containers) {
                streamer.stream(c.id(), ProjectContainers.source(c), options, null);
            }
            if (!options.follow()) {
                streamer.awaitAll();
                return;
            }
            monitor.withListener(exitPrinter(streamer, sink)).withListener(event -> {
                if (event.type() == ContainerEvent.Type.STARTED) {
                    followStarted(engine, streamer, event, options);
                }
            });
            monitor.run();
            streamer.awaitAll(DRAIN);
        }
    }

    private List<ContainerSummary> select(LogRequest request) {
        List<ContainerSummary> found = new ArrayList<>(ProjectContainers.list(engine, project, OneOff.EXCLUDE, true,
                request.services()));
        if (request.index() > 0) {
            String service = request.services().getFirst();
            found.removeIf(c -> Labels.number(c.labels()) != request.index());
            if (found.isEmpty()) {
                throw new ComposeException(ComposeException.Kind.NOT_FOUND, "service \"" + service
                        + "\" is not running container #" + request.index());
            }
            return List.of(found.getFirst());
        }
        return ProjectContainers.sortedByName(found);
    }

    /** Prints compose's status lines: "exited with code N", after the container's last log lines. */
    static ContainerMonitor.Listener exitPrinter(LogStreamer streamer, LogSink sink) {
        return event -> {
            switch (event.type()) {
                case EXITED -> {
                    try {
                        streamer.drain(event.id(), DRAIN);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    sink.status(event.source(), "exited with code " + event.exitCode()
                            + (event.restarting() ? " (restarting)" : ""));
                }
                case RECREATED -> sink.status(event.labels().getOrDefault(Labels.REPLACE, event.source()),
                        "has been recreated");
                default -> { }
            }
        };
    }

    /** Streams a container that (re)started while following, from its start on. */
    static void followStarted(Engine engine, LogStreamer streamer, ContainerEvent event, LogOptions options) {
        engine.findContainer(event.id()).ifPresent(info -> {
            Instant started = info.status().startedAt();
            streamer.stream(event.id(), event.source(), options, started);
        });
    }
}
