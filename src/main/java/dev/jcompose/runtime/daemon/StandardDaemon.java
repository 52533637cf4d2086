package dev.jcompose.runtime.daemon;

import dev.jcompose.runtime.api.SystemRoutes;
import dev.jcompose.runtime.api.routes.ContainerApi;
import dev.jcompose.runtime.content.LocalContentStore;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.EngineOptions;
import dev.jcompose.runtime.image.ImageFilters;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.snapshot.OverlaySnapshotter;
import java.time.Clock;

/**
 * The daemon with every runtime part wired in. Parts are added here as they gain API routes (images,
 * containers, volumes, networks).
 */
public final class StandardDaemon {
    private StandardDaemon() {
    }

    public static EngineDaemon create(DaemonConfig config) {
        EngineDaemon daemon = new EngineDaemon(config);
        OverlaySnapshotter snapshots = new OverlaySnapshotter(config.root());
        ImageStore images = new ImageStore(config.root(), new LocalContentStore(config.root()), snapshots);
        // containers, volumes, exec, events; recovery of running containers happens here, before the socket opens
        ContainerEngine containers = ContainerEngine.open(EngineOptions.defaults(config.root(), config.runDir()),
                images, snapshots);
        daemon.addPart(containers)
                .addRoutes(r -> ContainerApi.register(r, containers, config.root(), Clock.systemUTC()))
                .counts(() -> {
                    ContainerEngine.Counts c = containers.counts();
                    return new SystemRoutes.Counts(c.containers(), c.running(), c.paused(), c.stopped(),
                            images.list(ImageFilters.NONE).size());
                });
        return daemon;
    }
}
