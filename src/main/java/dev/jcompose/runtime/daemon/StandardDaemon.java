package dev.jcompose.runtime.daemon;

import dev.jcompose.runtime.api.routes.BuildRoutes;
import dev.jcompose.runtime.api.routes.ContainerApi;
import dev.jcompose.runtime.api.routes.ImageRoutes;
import dev.jcompose.runtime.api.routes.NetworkRoutes;
import dev.jcompose.runtime.build.BuildEnvironment;
import dev.jcompose.runtime.build.ImageBuilder;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.EngineOptions;
import dev.jcompose.runtime.netattach.EmbeddedNetworking;
import dev.jcompose.runtime.oci.DockerDefaults;
import dev.jcompose.runtime.registry.RegistryClient;
import java.time.Clock;

/**
 * The daemon with every runtime part wired in; all parts share one {@link RuntimeStores}. Recovery of running
 * containers happens in ContainerEngine.open, before the socket opens.
 */
public final class StandardDaemon {
    private StandardDaemon() {
    }

    public static EngineDaemon create(DaemonConfig config) {
        EngineDaemon daemon = new EngineDaemon(config);
        RuntimeStores stores = RuntimeStores.open(config.root());
        // networks first (bridges, rules, DNS up), so recovered containers find their endpoints and names
        EmbeddedNetworking networking = EmbeddedNetworking.forDaemon(config.root().resolve("networks")).start();
        ContainerEngine containers = ContainerEngine.open(EngineOptions.defaults(config.root(), config.runDir())
                .withNetwork(networking), stores.images(), stores.snapshots());
        networking.reconcile(liveContainers(containers));
        ImageBuilder builder = new ImageBuilder(BuildEnvironment.forDaemon(config.root(), config.runDir(),
                DockerDefaults.CGROUP_PARENT, stores.images(), stores.content(), stores.snapshots(), networking));
        builder.recover();
        daemon.addPart(networking).addPart(containers)
                .addRoutes(new NetworkRoutes(networking.manager(), containers)::register)
                .addRoutes(r -> ContainerApi.register(r, containers, config.root(), Clock.systemUTC()))
                .addRoutes(new BuildRoutes(builder)::register)
                .addRoutes(new ImageRoutes(stores.images(), stores.content(), containers, new RegistryClient())::register)
                .counts(() -> {
                    ContainerEngine.Counts c = containers.counts();
                    return new dev.jcompose.runtime.api.SystemRoutes.Counts(c.containers(), c.running(), c.paused(),
                            c.stopped(), stores.imageCount());
                });
        return daemon;
    }

    /** Containers that kept running across the restart: their endpoints survive reconcile. */
    public static java.util.Set<String> liveContainers(ContainerEngine containers) {
        return containers.list().stream().filter(r -> r.state().hasProcess()).map(r -> r.id())
                .collect(java.util.stream.Collectors.toSet());
    }
}
