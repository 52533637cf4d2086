package dev.jcompose.exec;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.NetworkInfo;
import dev.jcompose.engine.VolumeInfo;
import dev.jcompose.model.Network;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.model.Volume;
import dev.jcompose.state.ContainerState;
import dev.jcompose.state.Labels;
import dev.jcompose.state.ObservedContainer;
import dev.jcompose.state.ObservedMount;
import dev.jcompose.state.ObservedNetwork;
import dev.jcompose.state.ObservedProject;
import dev.jcompose.state.ObservedVolume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads what the engine holds for a project: containers, networks and volumes carrying the project label, plus
 * the resources the project refers to by name (external ones, same-named networks) and containers of other
 * projects holding a name the project wants, each read on a virtual thread while the others are read.
 */
public final class Observer {
    private Observer() {
    }

    /**
     * Networks, volumes and name holders are read while the containers are listed and inspected: the calls are
     * independent, and one after the other they were a third of a no-op `up`'s wait on the engine.
     */
    public static ObservedProject observe(Engine engine, Project project) {
        String filter = Labels.PROJECT + "=" + project.name();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<ObservedNetwork>> networks = pool.submit(() -> networks(engine, project, filter));
            Future<List<ObservedVolume>> volumes = pool.submit(() -> volumes(engine, project, filter));
            Future<List<ObservedContainer>> foreign = pool.submit(() -> foreign(engine, project));
            List<ObservedContainer> containers = listed(engine, filter);
            return new ObservedProject(project.name(), containers, join(networks), join(volumes), join(foreign));
        }
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.jcompose.error.ComposeException(dev.jcompose.error.ComposeException.Kind.INTERRUPTED,
                    "interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    /** Only the project's containers (for ps, logs, stop...): no network or volume lookups. */
    public static List<ObservedContainer> containers(Engine engine, String projectName) {
        return listed(engine, Labels.PROJECT + "=" + projectName);
    }

    /**
     * One list call, no inspect: the list holds everything observing needs (labels, state, networks with their
     * ids, mounts; exit code and health in its status text), as docker compose v2 observes. An inspect per
     * container was 11 more engine calls and ~100 KB of JSON on every no-op `up` of the bench stack.
     */
    private static List<ObservedContainer> listed(Engine engine, String filter) {
        return engine.listContainers(List.of(filter), true).stream().map(Observer::observed).toList();
    }

    static ObservedContainer observed(ContainerSummary s) {
        List<ObservedMount> mounts = s.mounts().stream().map(Observer::mount).toList();
        return new ObservedContainer(s.id(), s.name(), s.labels(), ContainerState.valueOf(s.state().name()),
                StatusText.exitCode(s.status()), StatusText.health(s.status()), s.networkIds(), mounts, s.created());
    }

    private static ObservedMount mount(ContainerInfo.MountPoint m) {
        return "volume".equals(m.type()) ? ObservedMount.volume(m.name(), m.destination())
                : ObservedMount.bind(m.source(), m.destination());
    }

    static ObservedContainer observed(ContainerInfo info) {
        Map<String, String> nets = new LinkedHashMap<>();
        info.networks().forEach((name, att) -> nets.put(name, att.networkId()));
        List<ObservedMount> mounts = info.mounts().stream().map(Observer::mount).toList();
        HealthStatus h = info.status().health();
        return new ObservedContainer(info.id(), info.name(), info.config().labels(),
                ContainerState.valueOf(info.state().name()), info.status().exitCode(),
                h == null || h == HealthStatus.NONE ? null : h.wireName(), nets, mounts, info.created());
    }

    private static List<ObservedNetwork> networks(Engine engine, Project project, String filter) {
        List<ObservedNetwork> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NetworkInfo n : engine.listNetworks(List.of(filter))) {
            out.add(new ObservedNetwork(n.id(), n.name(), n.labels()));
            seen.add(n.name());
        }
        for (Network n : project.networks().values()) {
            if (!seen.contains(n.name())) {
                findNetwork(engine, n.name()).ifPresent(info -> {
                    out.add(new ObservedNetwork(info.id(), info.name(), info.labels()));
                    seen.add(info.name());
                });
            }
        }
        return out;
    }

    private static java.util.Optional<NetworkInfo> findNetwork(Engine engine, String name) {
        try {
            NetworkInfo info = engine.inspectNetwork(name);
            // inspect matches id prefixes too: only an exact name is the same network
            return name.equals(info.name()) ? java.util.Optional.of(info) : java.util.Optional.empty();
        } catch (RuntimeException e) {
            if (dev.jcompose.engine.EngineErrors.isNotFound(e)) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    private static List<ObservedVolume> volumes(Engine engine, Project project, String filter) {
        List<ObservedVolume> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (VolumeInfo v : engine.listVolumes(List.of(filter))) {
            out.add(new ObservedVolume(v.name(), v.driver(), v.labels()));
            seen.add(v.name());
        }
        for (Volume v : project.volumes().values()) {
            if (!seen.contains(v.name())) {
                try {
                    VolumeInfo info = engine.inspectVolume(v.name());
                    out.add(new ObservedVolume(info.name(), info.driver(), info.labels()));
                } catch (RuntimeException e) {
                    if (!dev.jcompose.engine.EngineErrors.isNotFound(e)) {
                        throw e;
                    }
                }
            }
        }
        return out;
    }

    /** Containers of other projects holding a container_name this project wants. */
    private static List<ObservedContainer> foreign(Engine engine, Project project) {
        List<ObservedContainer> out = new ArrayList<>();
        for (Service s : project.services().values()) {
            if (s.containerName() == null) {
                continue;
            }
            engine.findContainer(s.containerName())
                    .filter(c -> c.name().equals(s.containerName()))
                    .filter(c -> !project.name().equals(c.config().labels().get(Labels.PROJECT)))
                    .ifPresent(c -> out.add(observed(c)));
        }
        return out;
    }
}
