package dev.jcompose.app;

import dev.jcompose.app.ProjectContainers.OneOff;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.ContainerRemover;
import dev.jcompose.exec.ContainerStopper;
import dev.jcompose.exec.DependencyWaiter;
import dev.jcompose.exec.FileInjector;
import dev.jcompose.exec.ProgressEvent;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.graph.GraphWalker;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * start, stop, restart, kill, pause, unpause and rm on the containers a project already has (compose's
 * lifecycle commands): dependency order for start/restart, reverse order for stop, the signal-aware stop of
 * the executor. Works from the loaded project, or from labels alone when {@code project} is null (-p only).
 */
public final class ContainerLifecycle {
    private final Engine engine;
    private final boolean local;
    private final String projectName;
    private final Project project;
    private final ProgressListener listener;
    private final int parallel;

    public ContainerLifecycle(EngineSelector.Selected engine, String projectName, Project project,
            ProgressListener listener, int parallel) {
        this.engine = engine.engine();
        this.local = engine.local();
        this.projectName = projectName;
        this.project = project;
        this.listener = listener;
        this.parallel = parallel;
    }

    private ServiceTopology topology(List<ContainerSummary> containers) {
        return project != null ? ServiceTopology.of(project) : ServiceTopology.fromLabels(projectName, containers);
    }

    /** Starts the stopped containers of the services and their dependencies, dependencies first. */
    public void start(List<String> services) {
        List<ContainerSummary> all = ProjectContainers.list(engine, projectName, OneOff.EXCLUDE, true, List.of());
        ServiceTopology topology = topology(all);
        topology.check(services);
        SortedSet<String> selected = topology.withDependencies(services);
        DependencyWaiter waiter = project == null ? null : new DependencyWaiter(engine, project, listener);
        walk(topology.walker(), GraphWalker.Direction.DEPENDENCIES_FIRST, service -> {
            Service model = topology.service(service);
            if (!selected.contains(service) || (model != null && model.scale() == 0)) {
                return;
            }
            if (all.isEmpty()) {
                throw new ComposeException(ComposeException.Kind.NOT_FOUND, "service \"" + service
                        + "\" has no container to start");
            }
            if (waiter != null && model != null) {
                waiter.awaitDependencies(model);
            }
            forEach(ofService(all, service).stream().filter(c -> !c.state().isUp()).toList(), c -> {
                String name = ProjectContainers.name(c);
                listener.on(ProgressEvent.working("Container", name, "Starting"));
                if (project != null && model != null) {
                    FileInjector.inject(engine, project, model, c.id());
                }
                engine.startContainer(c.id());
                listener.on(ProgressEvent.done("Container", name, "Started"));
            });
        });
    }

    /** start --wait: the services' containers running, or healthy when they have a healthcheck. */
    public void awaitReady(List<String> services, Duration timeout) {
        if (project == null) {
            throw ComposeException.usage("--wait needs the project's compose file");
        }
        new ReadinessWaiter(engine, project, listener).await(services.isEmpty() ? project.serviceNames() : services,
                timeout);
    }

    /** Stops the services' containers (all services when none are named), dependents first. */
    public void stop(List<String> services, Duration timeout) {
        List<ContainerSummary> all = ProjectContainers.list(engine, projectName, OneOff.EXCLUDE, true, List.of());
        ServiceTopology topology = topology(all);
        Set<String> selected = services.isEmpty() ? topology.services() : Set.copyOf(services);
        ContainerStopper stopper = new ContainerStopper(engine, local, timeout);
        walk(topology.walker(), GraphWalker.Direction.DEPENDENTS_FIRST, service -> {
            if (selected.contains(service)) {
                forEach(ofService(all, service), c -> stopOne(stopper, c, topology.service(service)));
            }
        });
    }

    private void stopOne(ContainerStopper stopper, ContainerSummary c, Service service) {
        String name = ProjectContainers.name(c);
        listener.on(ProgressEvent.working("Container", name, "Stopping"));
        try {
            stopper.stop(c.id(), service);
        } catch (ComposeException e) {
            listener.on(ProgressEvent.error("Container", name, "Error while Stopping", e.getMessage()));
            throw e;
        }
        listener.on(ProgressEvent.done("Container", name, "Stopped"));
    }

    /**
     * Restarts the services' containers (running or not) and those depending on them with restart: true
     * (only the named ones with noDeps), in dependency order.
     */
    public void restart(List<String> services, Duration timeout, boolean noDeps) {
        List<ContainerSummary> all = ProjectContainers.list(engine, projectName, OneOff.EXCLUDE, true, List.of());
        ServiceTopology topology = topology(all);
        topology.check(services);
        SortedSet<String> selected = services.isEmpty() ? topology.services()
                : noDeps ? new java.util.TreeSet<>(services) : topology.withRestartDependents(services);
        DependencyWaiter waiter = project == null ? null : new DependencyWaiter(engine, project, listener);
        ContainerStopper stopper = new ContainerStopper(engine, local, timeout);
        walk(topology.restartWalker(selected), GraphWalker.Direction.DEPENDENCIES_FIRST, service -> {
            Service model = topology.service(service);
            if (waiter != null && model != null) {
                waiter.awaitDependencies(model);
            }
            forEach(ofService(all, service), c -> {
                String name = ProjectContainers.name(c);
                listener.on(ProgressEvent.working("Container", name, "Restarting"));
                stopper.stop(c.id(), model);
                engine.startContainer(c.id());
                listener.on(ProgressEvent.done("Container", name, "Started"));
            });
        });
    }

    /**
     * Sends {@code signal} to the running containers of the services, one-offs included; containers of services
     * the project does not define only with includeOrphans. all = also containers that are not running (up's
     * second Ctrl-C). Returns how many were signalled; 0 = "No container to kill".
     */
    public int kill(List<String> services, String signal, boolean includeOrphans, boolean all) {
        List<ContainerSummary> found = ProjectContainers.list(engine, projectName, OneOff.INCLUDE, all, services);
        if (!includeOrphans && project != null) {
            found = found.stream().filter(c -> project.services().containsKey(ProjectContainers.service(c))).toList();
        }
        forEach(found, c -> {
            String name = ProjectContainers.name(c);
            listener.on(ProgressEvent.working("Container", name, "Killing"));
            try {
                engine.killContainer(c.id(), signal);
            } catch (ComposeException e) {
                listener.on(ProgressEvent.error("Container", name, "Error while Killing", e.getMessage()));
                throw e;
            }
            listener.on(ProgressEvent.done("Container", name, "Killed"));
        });
        return found.size();
    }

    /** Pauses (or unpauses) the running containers of the services. */
    public void pause(List<String> services, boolean pause) {
        List<ContainerSummary> found = ProjectContainers.list(engine, projectName, OneOff.EXCLUDE, false, services);
        if (project != null) {
            found = found.stream().filter(c -> project.services().containsKey(ProjectContainers.service(c))).toList();
        }
        forEach(found, c -> {
            if (pause) {
                engine.pauseContainer(c.id());
            } else {
                engine.unpauseContainer(c.id());
            }
            listener.on(ProgressEvent.done("Container", ProjectContainers.name(c), pause ? "Paused" : "Unpaused"));
        });
    }

    /** The services' containers that are not running (what `rm` removes), sorted by name. */
    public List<ContainerSummary> removable(List<String> services) {
        List<ContainerSummary> found = ProjectContainers.list(engine, projectName, OneOff.EXCLUDE, true, services);
        if (project != null) {
            found = found.stream().filter(c -> project.services().containsKey(ProjectContainers.service(c))).toList();
        }
        List<ContainerSummary> stopped = new ArrayList<>();
        for (ContainerSummary c : found) {
            // The list's state can lag behind; compose inspects too. Gone already = nothing to remove.
            engine.findContainer(c.id()).filter(info -> !info.status().running()).ifPresent(info -> stopped.add(c));
        }
        return ProjectContainers.sortedByName(stopped);
    }

    public void remove(List<ContainerSummary> containers, boolean force, boolean volumes) {
        forEach(containers, c -> {
            String name = ProjectContainers.name(c);
            listener.on(ProgressEvent.working("Container", name, "Removing"));
            new ContainerRemover(engine).remove(c.id(), force, volumes);
            listener.on(ProgressEvent.done("Container", name, "Removed"));
        });
    }

    private static List<ContainerSummary> ofService(Collection<ContainerSummary> all, String service) {
        return all.stream().filter(c -> service.equals(ProjectContainers.service(c)))
                .filter(c -> !ProjectContainers.isOneOff(c)).toList();
    }

    private interface Step {
        void run(String service) throws InterruptedException;
    }

    private void walk(GraphWalker<String> walker, GraphWalker.Direction direction, Step step) {
        walker.walk(direction, parallel, step::run);
    }

    /** Runs the action on every container in parallel; the first failure is rethrown after all finished. */
    private static void forEach(List<ContainerSummary> containers, Consumer<ContainerSummary> action) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            containers.forEach(c -> futures.add(pool.submit(() -> action.accept(c))));
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException re ? re
                                : new ComposeException(ComposeException.Kind.INTERNAL, String.valueOf(e.getCause()));
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "interrupted");
        }
    }
}
