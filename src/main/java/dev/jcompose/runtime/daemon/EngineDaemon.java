package dev.jcompose.runtime.daemon;

import dev.jcompose.runtime.api.ApiServer;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.api.SystemRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The embedded engine's process: opens the state directories, registers the API routes of every runtime part
 * and serves them on the unix socket until closed. Parts register through {@link #addRoutes}; startup runs
 * their recovery (re-adopting running containers, removing leftovers) before the socket opens, so a client
 * never sees half-recovered state.
 */
public final class EngineDaemon implements AutoCloseable {
    public static final String VERSION = "0.1.0";

    private final DaemonConfig config;
    private final List<Consumer<Router>> routeSets = new ArrayList<>();
    private final List<AutoCloseable> parts = new ArrayList<>();
    private SystemRoutes.Counts counts = new SystemRoutes.Counts(0, 0, 0, 0, 0);
    private java.util.function.Supplier<SystemRoutes.Counts> countSource = () -> counts;
    private java.util.function.IntSupplier imageCount;
    private ApiServer server;

    public EngineDaemon(DaemonConfig config) {
        this.config = config;
    }

    public DaemonConfig config() {
        return config;
    }

    /** Adds a part's routes; call before {@link #start()}. */
    public EngineDaemon addRoutes(Consumer<Router> routes) {
        routeSets.add(routes);
        return this;
    }

    /** A part to close (in reverse order) when the daemon stops. */
    public EngineDaemon addPart(AutoCloseable part) {
        parts.add(part);
        return this;
    }

    public EngineDaemon counts(java.util.function.Supplier<SystemRoutes.Counts> source) {
        this.countSource = source;
        return this;
    }

    /** Where /info's image count comes from (the image part), beside the container counts of {@link #counts}. */
    public EngineDaemon imageCount(java.util.function.IntSupplier source) {
        this.imageCount = source;
        return this;
    }

    private SystemRoutes.Counts currentCounts() {
        SystemRoutes.Counts c = countSource.get();
        return imageCount == null ? c
                : new SystemRoutes.Counts(c.containers(), c.running(), c.paused(), c.stopped(), imageCount.getAsInt());
    }

    public EngineDaemon start() throws IOException {
        Files.createDirectories(config.root());
        Files.createDirectories(config.runDir());
        Router router = new Router();
        new SystemRoutes(VERSION, config.root().toString(), this::currentCounts).register(router);
        for (Consumer<Router> r : routeSets) {
            r.accept(router);
        }
        server = ApiServer.start(config.socket(), router, config.spoolDir());
        Files.writeString(config.pidFile(), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        return this;
    }

    public void awaitClose() throws InterruptedException {
        server.awaitClose();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                // keep closing the others; the next start recovers whatever is left
            }
        }
        try {
            Files.deleteIfExists(config.pidFile());
        } catch (IOException e) {
            // stale pid files are checked against the live process at the next start
        }
    }
}
