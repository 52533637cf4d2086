package dev.jcompose.plan;

import dev.jcompose.error.ComposeException;
import dev.jcompose.error.ComposeException.Kind;
import dev.jcompose.graph.ProjectGraph;
import dev.jcompose.model.Network;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.model.Volume;
import dev.jcompose.state.Labels;
import dev.jcompose.state.ObservedContainer;
import dev.jcompose.state.ObservedNetwork;
import dev.jcompose.state.ObservedProject;
import dev.jcompose.state.ObservedVolume;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything that can make `up` fail is checked here, before a single operation is planned, so a failing `up`
 * changes nothing: option conflicts, unknown services, cycles, container_name with several replicas, missing
 * external resources, a network name owned by another compose network.
 */
final class Preflight {
    private Preflight() {
    }

    static ReconcileContext check(Project desired, ObservedProject observed, ReconcileOptions options) {
        if (options.forceRecreate() && options.noRecreate()) {
            throw ComposeException.usage("--force-recreate and --no-recreate are incompatible");
        }
        for (String name : options.services()) {
            requireService(desired, name);
        }
        for (String name : options.scale().keySet()) {
            requireService(desired, name);
        }
        ProjectGraph graph = ProjectGraph.of(desired);
        SortedSet<String> targeted = options.services().isEmpty() ? graph.services()
                : new TreeSet<>(options.services());
        SortedSet<String> scope = options.noDeps() ? targeted : graph.withDependencies(targeted);
        ReconcileContext ctx = new ReconcileContext(desired, observed, options, graph, targeted, scope);

        for (String name : scope) {
            Service service = desired.services().get(name);
            if (ctx.scaleOf(name) > 1 && service.containerName() != null) {
                throw ComposeException.config("WARNING: The \"" + name + "\" service is using the custom container"
                        + " name \"" + service.containerName() + "\". Docker requires each container to have a"
                        + " unique name. Remove the custom name to scale the service");
            }
        }
        resolveNetworks(ctx);
        resolveVolumes(ctx);
        warnOrphans(ctx);
        return ctx;
    }

    private static void requireService(Project desired, String name) {
        if (!desired.services().containsKey(name)) {
            throw ComposeException.usage("no such service: " + name);
        }
    }

    /** Networks the services in scope attach to. */
    static SortedSet<String> networksInScope(ReconcileContext ctx) {
        SortedSet<String> keys = new TreeSet<>();
        ctx.scope.forEach(s -> keys.addAll(ctx.graph.networksOf(s)));
        return keys;
    }

    static SortedSet<String> volumesInScope(ReconcileContext ctx) {
        SortedSet<String> keys = new TreeSet<>();
        ctx.scope.forEach(s -> keys.addAll(ctx.graph.volumesOf(s)));
        return keys;
    }

    private static void resolveNetworks(ReconcileContext ctx) {
        String project = ctx.desired.name();
        for (String key : networksInScope(ctx)) {
            Network network = ctx.desired.networks().get(key);
            if (network.external()) {
                ObservedNetwork found = ctx.observed.networkNamed(network.name()).orElseThrow(() ->
                        new ComposeException(Kind.NOT_FOUND, "network " + network.name()
                                + " declared as external, but could not be found"));
                ctx.networks.put(key, found);
                continue;
            }
            Optional<ObservedNetwork> found = ctx.observed.network(key, network.name());
            if (found.isEmpty()) {
                continue;
            }
            ObservedNetwork live = found.get();
            if (live.key() != null && !live.key().equals(key) && project.equals(live.project())) {
                throw new ComposeException(Kind.CONFLICT, "network " + network.name()
                        + " was found but has incorrect label " + Labels.NETWORK + " set to \"" + live.key()
                        + "\" (expected: \"" + key + "\")");
            }
            if (live.project() == null) {
                ctx.plan.warn("a network with name " + network.name() + " exists but was not created by compose."
                        + " Set `external: true` to use an existing network");
            } else if (!live.project().equals(project)) {
                ctx.plan.warn("a network with name " + network.name() + " exists but was not created for project \""
                        + project + "\". Set `external: true` to use an existing network");
            }
            ctx.networks.put(key, live);
        }
    }

    private static void resolveVolumes(ReconcileContext ctx) {
        String project = ctx.desired.name();
        for (String key : volumesInScope(ctx)) {
            Volume volume = ctx.desired.volumes().get(key);
            if (volume.external()) {
                ObservedVolume found = ctx.observed.volumeNamed(volume.name()).orElseThrow(() ->
                        new ComposeException(Kind.NOT_FOUND, "external volume \"" + volume.name() + "\" not found"));
                ctx.volumes.put(key, found);
                continue;
            }
            Optional<ObservedVolume> found = ctx.observed.volume(key, volume.name());
            if (found.isEmpty()) {
                continue;
            }
            ObservedVolume live = found.get();
            if (live.project() == null) {
                ctx.plan.warn("volume \"" + volume.name() + "\" already exists but was not created by Docker Compose."
                        + " Use `external: true` to use an existing volume");
            } else if (!live.project().equals(project)) {
                ctx.plan.warn("volume \"" + volume.name() + "\" already exists but was created for project \""
                        + live.project() + "\" (expected \"" + project + "\"). Use `external: true` to use an"
                        + " existing volume");
            }
            ctx.volumes.put(key, live);
        }
    }

    private static void warnOrphans(ReconcileContext ctx) {
        List<ObservedContainer> orphans = ctx.observed.orphans(ctx.desired);
        if (orphans.isEmpty() || ctx.options.removeOrphans() || ctx.options.ignoreOrphans()) {
            return;
        }
        List<String> names = orphans.stream().map(ObservedContainer::name).toList();
        ctx.plan.warn("Found orphan containers (" + String.join(", ", names) + ") for this project. If you removed"
                + " or renamed this service in your compose file, you can run this command with the"
                + " --remove-orphans flag to clean it up.");
    }
}
