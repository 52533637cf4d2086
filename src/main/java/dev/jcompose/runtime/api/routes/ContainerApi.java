package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.engine.ContainerEngine;
import java.nio.file.Path;
import java.time.Clock;

/** Registers every container-side route (containers, streams, exec, volumes, events, disk usage) of one engine. */
public final class ContainerApi {
    private ContainerApi() {
    }

    public static void register(Router router, ContainerEngine engine, Path root, Clock clock) {
        new ContainerRoutes(engine, root.resolve("containers"), clock).register(router);
        new ContainerStreams(engine).register(router);
        new ArchiveRoutes(engine).register(router);
        new StatsRoutes(engine).register(router);
        new ExecRoutes(engine).register(router);
        new VolumeRoutes(engine).register(router);
        new EventRoutes(engine, clock).register(router);
        new DiskUsageRoutes(engine, new ContainerViews(engine, root.resolve("containers"), clock)).register(router);
    }
}
