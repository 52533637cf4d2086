package dev.jcompose.graph;

import dev.jcompose.error.ComposeException;
import dev.jcompose.model.FileReference;
import dev.jcompose.model.Mount;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The project as a DAG: services and the networks, volumes, secrets and configs they use. Edges point from a
 * service to what it needs (depends_on, links, {@code network_mode: service:x}, volumes_from, networks, named
 * volumes, secrets, configs). Building it rejects dependency cycles with a message naming the whole cycle.
 */
public final class ProjectGraph {
    private final Graph<Vertex, DefaultEdge> graph;
    private final SortedMap<String, SortedSet<String>> needs;
    private final SortedMap<String, SortedSet<String>> neededBy;

    private ProjectGraph(Graph<Vertex, DefaultEdge> graph, SortedMap<String, SortedSet<String>> needs) {
        this.graph = new AsUnmodifiableGraph<>(graph);
        this.needs = needs;
        this.neededBy = new TreeMap<>();
        needs.keySet().forEach(s -> neededBy.put(s, new TreeSet<>()));
        needs.forEach((s, deps) -> deps.forEach(d -> neededBy.get(d).add(s)));
    }

    /** Builds the graph of the enabled services; throws ComposeException CONFIG on a cycle or a dangling name. */
    public static ProjectGraph of(Project project) {
        SortedMap<String, SortedSet<String>> needs = ServiceDependencies.of(project);
        Graph<Vertex, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        project.services().keySet().forEach(s -> g.addVertex(Vertex.service(s)));
        project.networks().keySet().forEach(n -> g.addVertex(Vertex.network(n)));
        project.volumes().keySet().forEach(v -> g.addVertex(Vertex.volume(v)));
        project.secrets().keySet().forEach(s -> g.addVertex(Vertex.secret(s)));
        project.configs().keySet().forEach(c -> g.addVertex(Vertex.config(c)));
        for (Service service : project.services().values()) {
            Vertex from = Vertex.service(service.name());
            needs.get(service.name()).forEach(dep -> g.addEdge(from, Vertex.service(dep)));
            if (service.networkMode() == null || service.networkMode().isEmpty()) {
                for (String network : new TreeSet<>(service.networks().keySet())) {
                    link(g, from, Vertex.network(network), "network", service.name());
                }
            }
            for (Mount mount : service.volumes()) {
                if ("volume".equals(mount.type()) && !mount.isAnonymousVolume()) {
                    link(g, from, Vertex.volume(mount.source()), "volume", service.name());
                }
            }
            for (FileReference secret : service.secrets()) {
                link(g, from, Vertex.secret(secret.source()), "secret", service.name());
            }
            for (FileReference config : service.configs()) {
                link(g, from, Vertex.config(config.source()), "config", service.name());
            }
        }
        return new ProjectGraph(g, needs);
    }

    private static void link(Graph<Vertex, DefaultEdge> g, Vertex from, Vertex to, String what, String service) {
        if (!g.containsVertex(to)) {
            throw ComposeException.config("service \"" + service + "\" refers to undefined " + what + " "
                    + to.name());
        }
        g.addEdge(from, to);
    }

    /** Read-only view of the whole graph. */
    public Graph<Vertex, DefaultEdge> graph() {
        return graph;
    }

    public SortedSet<String> services() {
        return new TreeSet<>(needs.keySet());
    }

    /** Services {@code service} needs directly. */
    public SortedSet<String> dependencies(String service) {
        return new TreeSet<>(needs.getOrDefault(service, new TreeSet<>()));
    }

    /** Services that need {@code service} directly. */
    public SortedSet<String> dependents(String service) {
        return new TreeSet<>(neededBy.getOrDefault(service, new TreeSet<>()));
    }

    /** The given services and everything they need, transitively. */
    public SortedSet<String> withDependencies(Collection<String> services) {
        return closure(services, needs);
    }

    /** The given services and everything that needs them, transitively. */
    public SortedSet<String> withDependents(Collection<String> services) {
        return closure(services, neededBy);
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

    /** Project network keys the service attaches to (none with network_mode). */
    public SortedSet<String> networksOf(String service) {
        return used(service, Vertex.Kind.NETWORK);
    }

    /** Project volume keys the service mounts. */
    public SortedSet<String> volumesOf(String service) {
        return used(service, Vertex.Kind.VOLUME);
    }

    public SortedSet<String> secretsOf(String service) {
        return used(service, Vertex.Kind.SECRET);
    }

    public SortedSet<String> configsOf(String service) {
        return used(service, Vertex.Kind.CONFIG);
    }

    private SortedSet<String> used(String service, Vertex.Kind kind) {
        SortedSet<String> result = new TreeSet<>();
        for (Vertex v : Graphs.successorListOf(graph, Vertex.service(service))) {
            if (v.kind() == kind) {
                result.add(v.name());
            }
        }
        return result;
    }

    /** Services using a resource vertex (network, volume, secret, config). */
    public SortedSet<String> servicesUsing(Vertex resource) {
        SortedSet<String> result = new TreeSet<>();
        for (Vertex v : Graphs.predecessorListOf(graph, resource)) {
            if (v.kind() == Vertex.Kind.SERVICE) {
                result.add(v.name());
            }
        }
        return result;
    }

    /**
     * Services grouped in levels that can start in parallel: level 0 needs nothing, level k needs only services
     * of lower levels.
     */
    public List<List<String>> startLevels() {
        return levels(needs);
    }

    /** Levels for stopping: level 0 is needed by nothing, level k only by services of lower levels. */
    public List<List<String>> stopLevels() {
        return levels(neededBy);
    }

    private static List<List<String>> levels(SortedMap<String, SortedSet<String>> waitsFor) {
        SortedMap<String, Integer> level = new TreeMap<>();
        waitsFor.keySet().forEach(s -> depth(s, waitsFor, level));
        List<List<String>> result = new ArrayList<>();
        level.forEach((s, l) -> {
            while (result.size() <= l) {
                result.add(new ArrayList<>());
            }
            result.get(l).add(s);
        });
        return result.stream().map(List::copyOf).toList();
    }

    private static int depth(String s, SortedMap<String, SortedSet<String>> waitsFor, Map<String, Integer> memo) {
        Integer known = memo.get(s);
        if (known != null) {
            return known;
        }
        int l = 0;
        for (String d : waitsFor.get(s)) {
            l = Math.max(l, depth(d, waitsFor, memo) + 1);
        }
        memo.put(s, l);
        return l;
    }

    /**
     * One sequential start order: repeatedly the smallest name whose dependencies are all placed (the order
     * compose's reconciler visits services in, which keeps plans stable).
     */
    public List<String> startOrder() {
        return order(needs);
    }

    /** Sequential stop order: dependents before their dependencies. */
    public List<String> stopOrder() {
        return order(neededBy);
    }

    private static List<String> order(SortedMap<String, SortedSet<String>> waitsFor) {
        List<String> result = new ArrayList<>();
        SortedSet<String> placed = new TreeSet<>();
        while (placed.size() < waitsFor.size()) {
            for (Map.Entry<String, SortedSet<String>> e : waitsFor.entrySet()) {
                if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
                    placed.add(e.getKey());
                    result.add(e.getKey());
                    break;
                }
            }
        }
        return result;
    }

    /** A walker over the services only (edges: dependent → dependency), ready services started by name. */
    public GraphWalker<String> serviceWalker() {
        Graph<String, DefaultEdge> services = new DefaultDirectedGraph<>(DefaultEdge.class);
        needs.keySet().forEach(services::addVertex);
        needs.forEach((s, deps) -> deps.forEach(d -> services.addEdge(s, d)));
        return new GraphWalker<>(services, java.util.Comparator.naturalOrder());
    }

    /** The service-only subgraph as a view (for callers that want JGraphT algorithms). */
    public Graph<Vertex, DefaultEdge> serviceGraph() {
        java.util.Set<Vertex> services = new java.util.HashSet<>();
        needs.keySet().forEach(s -> services.add(Vertex.service(s)));
        return new AsSubgraph<>(graph, services);
    }
}
