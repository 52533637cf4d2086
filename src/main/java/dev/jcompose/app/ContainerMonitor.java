package dev.jcompose.app;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineEvent;
import dev.jcompose.engine.EventFilter;
import dev.jcompose.engine.Subscription;
import dev.jcompose.state.Labels;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Follows the project's containers through the engine's event stream until every watched container has exited
 * for good (compose's monitor): create adds a container, die removes it unless the restart policy brings it
 * back (inspected after the die, as compose does). Listeners run on the monitor's thread, in order.
 *
 * <p>Subscribe before changing or listing anything, so no event falls between the listing and the stream.
 * With a past {@code since} the engine replays events from then: `up` subscribes after converging and
 * replays from its start, so a one-shot that exited during the convergence is still seen exiting. Only dies
 * of tracked containers count, which keeps the replayed stop of a recreated container's predecessor silent.
 */
public final class ContainerMonitor implements AutoCloseable {
    /** Receives the monitor's events. */
    @FunctionalInterface
    public interface Listener {
        void on(ContainerEvent event);
    }

    private static final Object END = new Object();

    private final Engine engine;
    private final String project;
    private final Set<String> services;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private Subscription subscription;

    /** services empty = the whole application. */
    public ContainerMonitor(Engine engine, String project, Collection<String> services) {
        this.engine = engine;
        this.project = project;
        this.services = Set.copyOf(services);
    }

    public ContainerMonitor withListener(Listener listener) {
        listeners.add(listener);
        return this;
    }

    /** Starts receiving events: from {@code since} (replayed) or, when null, from now. */
    public void subscribe(Instant since) {
        EventFilter filter = new EventFilter(Set.of("container"), List.of(Labels.PROJECT + "=" + project,
                Labels.ONEOFF + "=" + Labels.FALSE), since, null);
        subscription = engine.events(filter, queue::add);
    }

    /**
     * Blocks until every watched container — the project's containers now (stopped ones too) and those
     * created later — has exited without coming back, or until stop(). Call subscribe() first.
     */
    public void run() throws InterruptedException {
        Set<String> containers = new HashSet<>();
        for (ContainerSummary c : engine.listContainers(List.of(Labels.PROJECT + "=" + project,
                Labels.ONEOFF + "=" + Labels.FALSE, Labels.CONFIG_HASH), true)) {
            if (watched(c.labels().get(Labels.SERVICE))) {
                containers.add(c.id());
            }
        }
        Set<String> restarting = new HashSet<>();
        while (!containers.isEmpty()) {
            Object next = queue.take();
            if (next == END) {
                return;
            }
            EngineEvent e = (EngineEvent) next;
            String service = e.attributes().get(Labels.SERVICE);
            if (!watched(service)) {
                continue;
            }
            String action = e.action() == null ? "" : e.action();
            switch (action) {
                case "create" -> {
                    if (!containers.add(e.actorId())) {
                        continue; // a replayed create of a container listed already: nothing new
                    }
                    notify(event(e, e.attributes().containsKey(Labels.REPLACE) ? ContainerEvent.Type.RECREATED
                            : ContainerEvent.Type.CREATED, false));
                }
                case "start" -> {
                    notify(event(e, ContainerEvent.Type.STARTED, restarting.contains(e.actorId())));
                    containers.add(e.actorId());
                }
                case "restart" -> notify(event(e, ContainerEvent.Type.RESTARTED, false));
                case "die" -> {
                    if (!containers.contains(e.actorId()) && !restarting.contains(e.actorId())) {
                        continue;
                    }
                    Optional<ContainerInfo> info = engine.findContainer(e.actorId());
                    if (info.isPresent() && info.get().status().running()) {
                        restarting.add(e.actorId());
                        notify(event(e, ContainerEvent.Type.EXITED, true));
                    } else {
                        notify(event(e, ContainerEvent.Type.EXITED, false));
                        containers.remove(e.actorId());
                    }
                }
                default -> { }
            }
        }
    }

    /** Ends run() at once. */
    public void stop() {
        queue.add(END);
    }

    private boolean watched(String service) {
        return services.isEmpty() || services.contains(service);
    }

    private void notify(ContainerEvent event) {
        for (Listener l : listeners) {
            l.on(event);
        }
    }

    private static ContainerEvent event(EngineEvent e, ContainerEvent.Type type, boolean restarting) {
        Map<String, String> attributes = e.attributes();
        String name = attributes.getOrDefault("name", e.actorId());
        int exitCode;
        try {
            exitCode = Integer.parseInt(attributes.getOrDefault("exitCode", "0"));
        } catch (NumberFormatException bad) {
            exitCode = 0;
        }
        return new ContainerEvent(type, e.actorId(), name, ProjectContainers.source(name, attributes),
                attributes.getOrDefault(Labels.SERVICE, name), exitCode, restarting, attributes);
    }

    @Override
    public void close() {
        stop();
        if (subscription != null) {
            subscription.close();
        }
    }
}
