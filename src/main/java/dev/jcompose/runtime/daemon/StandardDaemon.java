package dev.jcompose.runtime.daemon;

import dev.jcompose.runtime.api.routes.ContainerApi;
import dev.jcompose.runtime.api.routes.ImageRoutes;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.EngineOptions;
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
        ContainerEngine containers = ContainerEngine.open(EngineOptions.defaults(config.root(), config.runDir()),
                stores.images(), stores.snapshots());
        daemon.addPart(containers)
                .addRoutes(r -> ContainerApi.register(r, containers, config.root(), Clock.systemUTC()))
                .addRoutes(new ImageRoutes(stores.images(), stores.content(), containers, new RegistryClient())::register)
                .counts(() -> {
                    ContainerEngine.Counts c = containers.counts();
                    return new dev.jcompose.runtime.api.SystemRoutes.Counts(c.containers(), c.running(), c.paused(),
                            c.stopped(), stores.imageCount());
                });
        return daemon;
    }
}
