package dev.jcompose.app;

import dev.jcompose.app.ProjectContainers.OneOff;
import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.PublishedPort;
import dev.jcompose.error.ComposeException;
import dev.jcompose.state.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** The read-only commands: ps, ls, images, port, top. Nothing here changes the engine's state. */
public final class ProjectQueries {
    private final Engine engine;

    public ProjectQueries(Engine engine) {
        this.engine = engine;
    }

    /**
     * The project's containers, sorted by name: running ones of the services (all when none are named),
     * without one-offs; with {@code all} stopped and one-off containers too.
     */
    public List<PsRow> ps(String project, List<String> services, boolean all) {
        List<ContainerSummary> found = ProjectContainers.list(engine, project, all ? OneOff.INCLUDE : OneOff.EXCLUDE,
                all, services);
        List<PsRow> rows = inParallel(found.stream().<Callable<Optional<PsRow>>>map(c -> () ->
                engine.findContainer(c.id()).map(info -> row(c, info))).toList())
                .stream().flatMap(Optional::stream).toList();
        return rows.stream().sorted(Comparator.comparing(PsRow::name)).toList();
    }

    private static PsRow row(ContainerSummary c, ContainerInfo info) {
        ContainerState state = info.state();
        HealthStatus health = state == ContainerState.RUNNING && info.status().health() != null
                ? info.status().health() : HealthStatus.NONE;
        int exitCode = state == ContainerState.EXITED || state == ContainerState.DEAD ? info.status().exitCode() : 0;
        List<String> mounts = new ArrayList<>();
        int local = 0;
        for (ContainerInfo.MountPoint m : info.mounts()) {
            boolean volume = "volume".equals(m.type());
            mounts.add(volume && !m.name().isEmpty() ? m.name() : m.source());
            local += volume ? 1 : 0;
        }
        return new PsRow(c.id(), ProjectContainers.name(c), c.image(), c.command(),
                c.labels().getOrDefault(Labels.PROJECT, ""), c.labels().getOrDefault(Labels.SERVICE, ""), c.created(),
                c.state(), c.status(), info.status(), health, exitCode, c.ports(), c.labels(), mounts, local,
                c.networks().stream().sorted().toList());
    }

    /**
     * Every compose project the engine holds, by name: from running containers, or all containers with
     * {@code all}. A container missing the config-files label makes its project's files "N/A" (warned).
     */
    public List<ProjectStack> stacks(boolean all, Consumer<String> warn) {
        SortedMap<String, List<ContainerSummary>> byProject = new TreeMap<>();
        for (ContainerSummary c : engine.listContainers(List.of(Labels.PROJECT, Labels.CONFIG_HASH), all)) {
            byProject.computeIfAbsent(c.labels().get(Labels.PROJECT), k -> new ArrayList<>()).add(c);
        }
        List<ProjectStack> stacks = new ArrayList<>();
        byProject.forEach((name, containers) -> {
            SortedMap<String, Integer> states = new TreeMap<>();
            containers.forEach(c -> states.merge(c.state().wireName(), 1, Integer::sum));
            List<String> status = new ArrayList<>();
            states.forEach((s, n) -> status.add(s + "(" + n + ")"));
            stacks.add(new ProjectStack(name, String.join(", ", status), configFiles(containers, warn)));
        });
        return stacks;
    }

    private static String configFiles(List<ContainerSummary> containers, Consumer<String> warn) {
        LinkedHashSet<String> files = new LinkedHashSet<>();
        for (ContainerSummary c : containers) {
            String label = c.labels().get(Labels.CONFIG_FILES);
            if (label == null) {
                warn.accept("no label \"" + Labels.CONFIG_FILES + "\" set on container \"" + c.id()
                        + "\" of compose project");
                return "N/A";
            }
            files.addAll(List.of(label.split(",", -1)));
        }
        return String.join(",", files);
    }

    /** The image of each container of the services (all when none are named), by container name. */
    public SortedMap<String, ImageRow> images(String project, List<String> services) {
        List<ContainerSummary> found = engine.listContainers(List.of(Labels.PROJECT + "=" + project), true).stream()
                .filter(c -> services.isEmpty() || services.contains(c.labels().get(Labels.SERVICE))).toList();
        List<Map.Entry<String, ImageRow>> rows = inParallel(found.stream()
                .<Callable<Map.Entry<String, ImageRow>>>map(c -> () -> Map.entry(ProjectContainers.name(c),
                        image(c))).toList());
        SortedMap<String, ImageRow> out = new TreeMap<>();
        rows.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private ImageRow image(ContainerSummary c) {
        String[] repoTag = ImageNames.split(c.image());
        Optional<ImageInfo> info = engine.findImage(c.image());
        if (info.isEmpty()) {
            // The image is gone (rmi -f) or its tag moved: report what the container itself recorded.
            return new ImageRow(c.imageId(), repoTag[0], repoTag[1], "", "", 0, null);
        }
        ImageInfo i = info.get();
        return new ImageRow(i.id(), repoTag[0], repoTag[1], i.os(), i.architecture(), i.size(), i.created());
    }

    /**
     * The host address of a running container's port: "0.0.0.0:8080". The container is the service's
     * {@code index}-th replica (0 = the lowest number; one-offs last).
     */
    public String port(String project, String service, int port, String protocol, int index) {
        List<ContainerSummary> found = new ArrayList<>(ProjectContainers.list(engine, project, OneOff.INCLUDE, false,
                List.of(service)));
        if (index > 0) {
            found.removeIf(c -> !Integer.toString(index).equals(c.labels().get(Labels.CONTAINER_NUMBER)));
        }
        if (found.isEmpty()) {
            throw new ComposeException(ComposeException.Kind.NOT_FOUND, index > 0
                    ? "service \"" + service + "\" is not running container #" + index
                    : "service \"" + service + "\" is not running");
        }
        found.sort(Comparator.comparing(ProjectContainers::isOneOff)
                .thenComparingInt(c -> Labels.number(c.labels())));
        ContainerSummary c = found.getFirst();
        for (PublishedPort p : c.ports()) {
            if (p.containerPort() == port && p.protocol().equals(protocol)) {
                // Go prints an unset address as "invalid IP"; an exposed-only port has none.
                return (p.hostIp().isEmpty() ? "invalid IP" : p.hostIp()) + ":" + p.hostPort();
            }
        }
        List<String> ports = c.ports().stream().map(p -> p.containerPort() + "/" + p.protocol()).toList();
        throw new ComposeException(ComposeException.Kind.NOT_FOUND, "no port " + port + "/" + protocol
                + " for container " + ProjectContainers.name(c) + ": " + String.join(", ", ports));
    }

    /** Processes of the running containers of the services (one-offs included), sorted by container name. */
    public List<ContainerProcesses> top(String project, List<String> services) {
        List<ContainerSummary> found = ProjectContainers.list(engine, project, OneOff.INCLUDE, false, List.of())
                .stream().filter(c -> services.isEmpty() || services.contains(c.labels().get(Labels.SERVICE)))
                .toList();
        List<ContainerProcesses> rows = inParallel(found.stream().<Callable<ContainerProcesses>>map(c -> () -> {
            String name = ProjectContainers.name(c);
            return new ContainerProcesses(name, c.labels().getOrDefault(Labels.SERVICE, name),
                    c.labels().getOrDefault(Labels.CONTAINER_NUMBER, ""), engine.top(c.id()));
        }).toList());
        return rows.stream().sorted(Comparator.comparing(ContainerProcesses::name)).toList();
    }

    /** Runs the calls on virtual threads; results in call order; the first failure is rethrown. */
    private static <T> List<T> inParallel(List<Callable<T>> calls) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            calls.forEach(c -> futures.add(pool.submit(c)));
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re
                    : EngineErrors.failure(String.valueOf(e.getCause()), e.getCause());
        }
    }
}
