package dev.jcompose.runtime.daemon;

import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.EngineOptions;
import dev.jcompose.runtime.netattach.EmbeddedNetworking;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jcompose engine stop --cleanup}, run once the daemon is gone (it holds {@link StateLock}, so this fails
 * while one runs). dockerd without live-restore stops its containers when it stops; this does the same, then
 * leaves nothing of the engine on the host: no runc state, mount, cgroup, veth, namespace, bridge, iptables
 * chain or jump of ours. The persisted state stays (containers as exited with their exit codes, images,
 * volumes, network definitions), and the next start brings the bridges back. The steps are the start-up
 * recovery's, with nothing kept alive; each is idempotent, so running it twice removes nothing the second time.
 */
public final class ShutdownCleanup {
    /** What was done: containers stopped, then objects removed, one line each. */
    public record Report(List<String> stopped, List<String> removed) {
    }

    private ShutdownCleanup() {
    }

    public static Report run(DaemonConfig config) {
        return run(config, EngineOptions.defaults(config.root(), config.runDir()));
    }

    /** With explicit engine options (tests: their own cgroup parent); the network comes from the config. */
    public static Report run(DaemonConfig config, EngineOptions options) {
        try (StateLock lock = StateLock.acquire(config)) {
            RuntimeStores stores = RuntimeStores.open(config.root());
            EmbeddedNetworking networking = EmbeddedNetworking.forDaemon(config.root().resolve("networks")).loadState();
            try {
                ContainerEngine.ShutdownCleanup containers = ContainerEngine.shutdownCleanup(
                        options.withNetwork(networking), stores.images(), stores.snapshots());
                List<String> removed = new ArrayList<>(containers.removed());
                removed.addAll(networking.cleanupHost(containers.stillRunning()));
                removed.addAll(stores.collectGarbage());
                return new Report(containers.stopped(), List.copyOf(removed));
            } finally {
                networking.close();
            }
        }
    }
}
