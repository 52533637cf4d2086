package dev.jcompose.runtime.daemon;

import dev.jcompose.runtime.api.SystemRoutes;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The daemon with every runtime part wired in; all parts share one {@link RuntimeStores}. Start-up recovery runs
 * before the socket opens, in the same steps as {@link ShutdownCleanup} (one implementation): containers
 * reconciled with runc (ContainerEngine.open), then the network objects of dead containers, then the image
 * store's garbage. Every removed object is logged.
 */
public final class StandardDaemon {
    private static final System.Logger LOG = System.getLogger(StandardDaemon.class.getName());

    private StandardDaemon() {
    }

    public static EngineDaemon create(DaemonConfig config) {
        StateLock lock = StateLock.acquire(config);
        try {
            return create(config, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EngineDaemon create(DaemonConfig config, StateLock lock) {
        EngineDaemon daemon = new EngineDaemon(config);
        daemon.addPart(lock); // closed last
        RuntimeStores stores = RuntimeStores.open(config.root());
        // networks first (bridges, rules, DNS up), so recovered containers find their endpoints and names
        EmbeddedNetworking networking = EmbeddedNetworking.forDaemon(config.root().resolve("networks"),
                config.userlandProxy()).start();
        ContainerEngine containers = ContainerEngine.openDeferringBootStarts(EngineOptions.defaults(config.root(),
                config.runDir()).withNetwork(networking), stores.images(), stores.snapshots());
        List<String> removed = new ArrayList<>(containers.recoveryReport());
        removed.addAll(networking.reconcile(liveContainers(containers)));
        ImageBuilder builder = new ImageBuilder(BuildEnvironment.forDaemon(config.root(), config.runDir(),
                DockerDefaults.CGROUP_PARENT, stores.images(), stores.content(), stores.snapshots(), networking));
        builder.recover(); // build containers of a crashed daemon, before the garbage collection below
        removed.addAll(stores.collectGarbage());
        LOG.log(System.Logger.Level.INFO, "published ports: " + (config.userlandProxy() ? "userland proxy"
                : "DNAT (userland proxy off)"));
        LOG.log(System.Logger.Level.INFO, "start-up recovery removed " + removed.size() + " leftover object(s)"
                + (removed.isEmpty() ? "" : ": " + String.join("; ", removed)));
        containers.startByBootPolicies(); // after the reconcile, which must not see a half-started container
        daemon.addPart(networking).addPart(containers)
                .addRoutes(new NetworkRoutes(networking.manager(), containers)::register)
                .addRoutes(r -> ContainerApi.register(r, containers, config.root(), Clock.systemUTC()))
                .addRoutes(new BuildRoutes(builder)::register)
                .addRoutes(new ImageRoutes(stores.images(), stores.content(), containers, new RegistryClient())::register)
                .counts(() -> {
                    ContainerEngine.Counts c = containers.counts();
                    return new SystemRoutes.Counts(c.containers(), c.running(), c.paused(), c.stopped(),
                            stores.imageCount());
                });
        return daemon;
    }

    /** Containers that kept running across the restart: their endpoints survive reconcile. */
    public static Set<String> liveContainers(ContainerEngine containers) {
        return containers.list().stream().filter(r -> r.state().hasProcess()).map(r -> r.id())
                .collect(Collectors.toSet());
    }
}
