package dev.jcompose.plan;

import dev.jcompose.graph.ProjectGraph;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.state.ObservedContainer;
import dev.jcompose.state.ObservedNetwork;
import dev.jcompose.state.ObservedProject;
import dev.jcompose.state.ObservedVolume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reconciler's working state: inputs, the plan being built, and the bookkeeping that lets later stages chain
 * on earlier ones (which node creates a network, which containers a stage already stopped or removed).
 */
final class ReconcileContext {
    final Project desired;
    final ObservedProject observed;
    final ReconcileOptions options;
    final ProjectGraph graph;
    /** Services the user named (all when none named). */
    final SortedSet<String> targeted;
    /** Services the plan may touch: the targeted ones plus their dependencies unless --no-deps. */
    final SortedSet<String> scope;
    final PlanBuilder plan = new PlanBuilder();

    /** Live network / volume per compose key, absent when it must be created. */
    final Map<String, ObservedNetwork> networks = new TreeMap<>();
    final Map<String, ObservedVolume> volumes = new TreeMap<>();
    /** Keys of networks recreated in place: attached containers are reconnected rather than recreated. */
    final Set<String> recreatedNetworks = new TreeSet<>();
    final Map<String, PlanNode> networkNodes = new TreeMap<>();
    final Map<String, PlanNode> volumeNodes = new TreeMap<>();

    /** Container id → the stop node an earlier stage planned for it. */
    final Map<String, PlanNode> stoppedByPlan = new HashMap<>();
    /** Container id → reconnect nodes of a network recreation; its removal must wait for them. */
    final Map<String, List<PlanNode>> connectNodes = new HashMap<>();
    /** Containers removed by a volume recreation: their service sees them as absent. */
    final Set<String> removedByPlan = new HashSet<>();
    /** Services with at least one container recreated (or removed for recreation). */
    final Set<String> recreatedServices = new TreeSet<>();

    /** Per service, the last node of each container's create/recreate/remove chain. */
    final Map<String, List<PlanNode>> serviceDone = new TreeMap<>();
    /** Per service, its start/unpause/restart nodes: what dependents' starts wait for. */
    final Map<String, List<PlanNode>> serviceReady = new TreeMap<>();
    /** Orphan removals by the container name they free. */
    final Map<String, PlanNode> orphanRemovals = new TreeMap<>();
    /** Final container names the plan gives, name → resource, checked against containers holding them. */
    final Map<String, String> plannedNames = new TreeMap<>();

    ReconcileContext(Project desired, ObservedProject observed, ReconcileOptions options, ProjectGraph graph,
            SortedSet<String> targeted, SortedSet<String> scope) {
        this.desired = desired;
        this.observed = observed;
        this.options = options;
        this.graph = graph;
        this.targeted = targeted;
        this.scope = scope;
    }

    Service service(String name) {
        return desired.services().get(name);
    }

    int scaleOf(String service) {
        return options.scale().getOrDefault(service, service(service).scale());
    }

    String desiredHash(String service) {
        return options.hasher().service(desired, service(service));
    }

    /** Replica containers of a service still present once earlier stages ran. */
    List<ObservedContainer> liveContainers(String service) {
        List<ObservedContainer> result = new ArrayList<>();
        for (ObservedContainer c : observed.serviceContainers(service)) {
            if (!removedByPlan.contains(c.id())) {
                result.add(c);
            }
        }
        return result;
    }

    void markDone(String service, PlanNode node) {
        serviceDone.computeIfAbsent(service, k -> new ArrayList<>()).add(node);
    }

    void markReady(String service, PlanNode node) {
        serviceReady.computeIfAbsent(service, k -> new ArrayList<>()).add(node);
    }

    /** What a dependent's start waits for: the dependency's starts, else its last container changes. */
    List<PlanNode> readinessOf(String service) {
        List<PlanNode> ready = serviceReady.getOrDefault(service, List.of());
        return ready.isEmpty() ? serviceDone.getOrDefault(service, List.of()) : ready;
    }
}
