package dev.jcompose.app;

import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.error.ComposeException;
import dev.jcompose.graph.GraphWalker;
import dev.jcompose.graph.ProjectGraph;
import dev.jcompose.model.DependsOn;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.state.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The services a lifecycle command acts on and the order to act in: from the loaded project (its ProjectGraph:
 * depends_on, links, network_mode, volumes_from), or — run with only -p and no compose file — from the
 * containers' labels, as compose's projectFromName does (service label, depends_on label).
 */
final class ServiceTopology {
    private final Project project;
    /** service → services it must wait for. */
    private final SortedMap<String, SortedSet<String>> needs;
    /** service → its depends_on entries (for restart: true and conditions). */
    private final SortedMap<String, Map<String, DependsOn>> dependsOn;

    private ServiceTopology(Project project, SortedMap<String, SortedSet<String>> needs,
            SortedMap<String, Map<String, DependsOn>> dependsOn) {
        this.project = project;
        this.needs = needs;
        this.dependsOn = dependsOn;
    }

    static ServiceTopology of(Project project) {
        ProjectGraph graph = ProjectGraph.of(project);
        SortedMap<String, SortedSet<String>> needs = new TreeMap<>();
        SortedMap<String, Map<String, DependsOn>> dependsOn = new TreeMap<>();
        for (Service s : project.services().values()) {
            needs.put(s.name(), graph.dependencies(s.name()));
            dependsOn.put(s.name(), s.dependsOn());
        }
        return new ServiceTopology(project, needs, dependsOn);
    }

    /** From labels; fails like compose when the project has no container at all. */
    static ServiceTopology fromLabels(String projectName, List<ContainerSummary> containers) {
        if (containers.isEmpty()) {
            throw new ComposeException(ComposeException.Kind.NOT_FOUND, "no container found for project \""
                    + projectName + "\": not found");
        }
        SortedMap<String, Map<String, DependsOn>> dependsOn = new TreeMap<>();
        for (ContainerSummary c : containers) {
            dependsOn.putIfAbsent(ProjectContainers.service(c),
                    Labels.parseDependsOn(c.labels().get(Labels.DEPENDS_ON)));
        }
        SortedMap<String, SortedSet<String>> needs = new TreeMap<>();
        dependsOn.forEach((s, deps) -> needs.put(s, new TreeSet<>(deps.keySet().stream()
                .filter(dependsOn::containsKey).toList())));
        return new ServiceTopology(null, needs, dependsOn);
    }

    /** The loaded project, or null when working from labels. */
    Project project() {
        return project;
    }

    Service service(String name) {
        return project == null ? null : project.service(name);
    }

    SortedSet<String> services() {
        return new TreeSet<>(needs.keySet());
    }

    /** Names every service exists; unknown ones are a usage error, as in compose. */
    void check(Collection<String> names) {
        for (String n : names) {
            if (!needs.containsKey(n)) {
                throw ComposeException.usage("no such service: " + n);
            }
        }
    }

    /** The services and everything they need, transitively (all services when none are named). */
    SortedSet<String> withDependencies(Collection<String> selected) {
        if (selected.isEmpty()) {
            return services();
        }
        return closure(selected, needs);
    }

    /** The services and those depending on them with restart: true, transitively (compose's restart). */
    SortedSet<String> withRestartDependents(Collection<String> selected) {
        SortedMap<String, SortedSet<String>> dependents = new TreeMap<>();
        needs.keySet().forEach(s -> dependents.put(s, new TreeSet<>()));
        restartEdges().forEach((s, deps) -> deps.forEach(d -> dependents.get(d).add(s)));
        return closure(selected, dependents);
    }

    /** Walks every service along all dependencies. */
    GraphWalker<String> walker() {
        return walker(needs.keySet(), needs);
    }

    /** Walks the given services along depends_on entries with restart: true only (compose's restart order). */
    GraphWalker<String> restartWalker(Collection<String> selected) {
        return walker(selected, restartEdges());
    }

    Map<String, DependsOn> dependsOn(String service) {
        return dependsOn.getOrDefault(service, Map.of());
    }

    private SortedMap<String, SortedSet<String>> restartEdges() {
        SortedMap<String, SortedSet<String>> edges = new TreeMap<>();
        for (String s : needs.keySet()) {
            SortedSet<String> deps = new TreeSet<>();
            dependsOn(s).forEach((d, cfg) -> {
                if (cfg.restart() && needs.containsKey(d)) {
                    deps.add(d);
                }
            });
            edges.put(s, deps);
        }
        return edges;
    }

    private static GraphWalker<String> walker(Collection<String> vertices, Map<String, SortedSet<String>> edges) {
        Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        vertices.forEach(g::addVertex);
        for (String s : vertices) {
            for (String d : edges.getOrDefault(s, new TreeSet<>())) {
                if (g.containsVertex(d)) {
                    g.addEdge(s, d);
                }
            }
        }
        return new GraphWalker<>(g, Comparator.naturalOrder());
    }

    private static SortedSet<String> closure(Collection<String> start, Map<String, SortedSet<String>> edges) {
        SortedSet<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(start);
        while (!todo.isEmpty()) {
            String s = todo.remove(todo.size() - 1);
            if (seen.add(s)) {
                todo.addAll(edges.getOrDefault(s, new TreeSet<>()));
            }
        }
        return seen;
    }
}
