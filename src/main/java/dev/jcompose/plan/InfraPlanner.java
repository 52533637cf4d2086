package dev.jcompose.plan;

import static dev.jcompose.plan.OperationType.CONNECT_NETWORK;
import static dev.jcompose.plan.OperationType.CREATE_NETWORK;
import static dev.jcompose.plan.OperationType.CREATE_VOLUME;
import static dev.jcompose.plan.OperationType.DISCONNECT_NETWORK;
import static dev.jcompose.plan.OperationType.REMOVE_CONTAINER;
import static dev.jcompose.plan.OperationType.REMOVE_NETWORK;
import static dev.jcompose.plan.OperationType.REMOVE_VOLUME;
import static dev.jcompose.plan.OperationType.STOP_CONTAINER;

import dev.jcompose.graph.ImplicitDependencies;
import dev.jcompose.graph.Vertex;
import dev.jcompose.model.Network;
import dev.jcompose.model.Service;
import dev.jcompose.model.Volume;
import dev.jcompose.state.DesiredLabels;
import dev.jcompose.state.ObservedContainer;
import dev.jcompose.state.ObservedNetwork;
import dev.jcompose.state.ObservedVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Networks and volumes: create the missing ones, recreate diverged ones. A network carries no data, so a diverged
 * one is recreated without asking (attached containers are stopped, disconnected, reconnected); a diverged volume is
 * recreated only when the user confirms, because its data is lost.
 */
final class InfraPlanner {
    private final ReconcileContext ctx;

    InfraPlanner(ReconcileContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        for (String key : Preflight.networksInScope(ctx)) {
            planNetwork(key);
        }
        for (String key : Preflight.volumesInScope(ctx)) {
            planVolume(key);
        }
    }

    private void planNetwork(String key) {
        Network desired = ctx.desired.networks().get(key);
        if (desired.external()) {
            return;
        }
        String hash = ctx.options.hasher().network(desired);
        ObservedNetwork live = ctx.networks.get(key);
        if (live == null) {
            ctx.networkNodes.put(key, ctx.plan.add(createNetwork(key, desired, hash, "not found")));
            return;
        }
        boolean owned = ctx.desired.name().equals(live.project()) && key.equals(live.key());
        boolean renamed = !live.name().equals(desired.name());
        // No recorded hash (older compose, created by hand): reuse untouched, as compose does.
        boolean diverged = !live.configHash().isEmpty() && !live.configHash().equals(hash);
        if (owned && (renamed || diverged)) {
            recreateNetwork(key, desired, hash, live);
        }
    }

    private Operation createNetwork(String key, Network desired, String hash, String cause) {
        return Operation.of(CREATE_NETWORK, "network:" + key, cause, desired.name()).withKey(key)
                .withLabels(DesiredLabels.forNetwork(ctx.desired, key, hash));
    }

    /** stop → disconnect → remove network → create network → reconnect, for every attached container. */
    private void recreateNetwork(String key, Network desired, String hash, ObservedNetwork live) {
        boolean renamed = !live.name().equals(desired.name());
        List<ObservedContainer> attached = containersOf(ctx.graph.servicesUsing(Vertex.network(key)));
        List<PlanNode> disconnects = new ArrayList<>();
        for (ObservedContainer c : attached) {
            PlanNode stop = stopOnce(c, "network " + key + " config changed");
            disconnects.add(ctx.plan.add(networkOp(DISCONNECT_NETWORK, c, key, live.name()), listOf(stop)));
        }
        Operation remove = Operation.of(REMOVE_NETWORK, "network:" + key,
                renamed ? "renamed (best-effort cleanup)" : "config hash diverged", live.name()).withKey(key);
        PlanNode removed = ctx.plan.add(renamed ? remove.asBestEffort() : remove, disconnects);
        // A renamed network has a new name: creating it need not wait for the old one to go.
        PlanNode created = ctx.plan.add(createNetwork(key, desired, hash,
                renamed ? "renamed" : "recreate after config change"), renamed ? List.of() : List.of(removed));
        ctx.networkNodes.put(key, created);
        ctx.recreatedNetworks.add(key);
        for (int i = 0; i < attached.size(); i++) {
            ObservedContainer c = attached.get(i);
            List<PlanNode> deps = new ArrayList<>(List.of(created));
            if (renamed) {
                deps.add(disconnects.get(i));
            }
            PlanNode connect = ctx.plan.add(networkOp(CONNECT_NETWORK, c, key, desired.name()), deps);
            ctx.connectNodes.computeIfAbsent(c.id(), id -> new ArrayList<>()).add(connect);
        }
    }

    /** Connect and disconnect name the network (engine name) and act on an existing container. */
    private static Operation networkOp(OperationType type, ObservedContainer c, String key, String networkName) {
        return Operation.of(type, c.resourceId(), "network " + key + " recreate", networkName)
                .withService(c.service(), Math.max(0, c.number())).withContainer(c.id()).withKey(key);
    }

    private void planVolume(String key) {
        Volume desired = ctx.desired.volumes().get(key);
        if (desired.external()) {
            return;
        }
        String hash = ctx.options.hasher().volume(desired);
        ObservedVolume live = ctx.volumes.get(key);
        if (live == null) {
            ctx.volumeNodes.put(key, ctx.plan.add(createVolume(key, desired, hash, "not found")));
            return;
        }
        boolean owned = ctx.desired.name().equals(live.project()) && key.equals(live.key());
        if (!owned || live.configHash().isEmpty() || live.configHash().equals(hash)) {
            return;
        }
        String question = "Volume \"" + desired.name() + "\" exists but doesn't match configuration in compose file."
                + " Recreate (data will be lost)?";
        if (!ctx.options.confirmVolumeRecreate().test(question)) {
            ctx.plan.warn("volume \"" + desired.name() + "\" exists but doesn't match configuration in compose file;"
                    + " it is kept as is (recreating it would lose its data)");
            return;
        }
        recreateVolume(key, desired, hash, live);
    }

    private Operation createVolume(String key, Volume desired, String hash, String cause) {
        return Operation.of(CREATE_VOLUME, "volume:" + key, cause, desired.name()).withKey(key)
                .withLabels(DesiredLabels.forVolume(ctx.desired, key, hash));
    }

    /**
     * Docker refuses to remove a volume any container references, even a stopped one: remove the containers that
     * mount it (directly or through volumes_from), recreate the volume, and let the service planner create fresh
     * containers.
     */
    private void recreateVolume(String key, Volume desired, String hash, ObservedVolume live) {
        SortedSet<String> services = servicesMounting(key);
        List<PlanNode> removals = new ArrayList<>();
        for (ObservedContainer c : containersOf(services)) {
            PlanNode stop = stopOnce(c, "mounted volume config changed");
            List<PlanNode> deps = new ArrayList<>(listOf(stop));
            deps.addAll(ctx.connectNodes.getOrDefault(c.id(), List.of()));
            removals.add(ctx.plan.add(containerOp(REMOVE_CONTAINER, c, "mounted volume config changed"), deps));
            ctx.removedByPlan.add(c.id());
        }
        PlanNode removed = ctx.plan.add(Operation.of(REMOVE_VOLUME, "volume:" + key, "config hash diverged",
                live.name()).withKey(key), removals);
        ctx.volumeNodes.put(key, ctx.plan.add(createVolume(key, desired, hash, "recreate after config change"),
                List.of(removed)));
        ctx.recreatedServices.addAll(services);
        // Their containers are gone whether or not the user selected them: they must be created again.
        ctx.scope.addAll(services);
    }

    /** Services mounting the volume, grown by the volumes_from closure (that shares the mount). */
    private SortedSet<String> servicesMounting(String key) {
        SortedSet<String> result = new TreeSet<>(ctx.graph.servicesUsing(Vertex.volume(key)));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Service s : ctx.desired.services().values()) {
                if (result.contains(s.name())) {
                    continue;
                }
                for (String from : s.volumesFrom()) {
                    if (result.contains(ImplicitDependencies.serviceOfVolumesFrom(from))) {
                        grew = result.add(s.name());
                        break;
                    }
                }
            }
        }
        return result;
    }

    private List<ObservedContainer> containersOf(SortedSet<String> services) {
        List<ObservedContainer> result = new ArrayList<>();
        services.forEach(s -> result.addAll(ctx.liveContainers(s)));
        return result;
    }

    /** Plans one stop per container per plan, and none for a container that is not running. */
    private PlanNode stopOnce(ObservedContainer c, String cause) {
        PlanNode existing = ctx.stoppedByPlan.get(c.id());
        if (existing != null || !c.state().isActive()) {
            return existing;
        }
        PlanNode stop = ctx.plan.add(containerOp(STOP_CONTAINER, c, cause));
        ctx.stoppedByPlan.put(c.id(), stop);
        return stop;
    }

    static Operation containerOp(OperationType type, ObservedContainer c, String cause) {
        return Operation.of(type, c.resourceId(), cause, c.name()).withService(c.service(), Math.max(0, c.number()))
                .withContainer(c.id());
    }

    static List<PlanNode> listOf(PlanNode node) {
        return node == null ? List.of() : List.of(node);
    }
}
