package dev.jcompose.runtime.daemon;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the embedded engine keeps things: persistent state (content, images, snapshots, containers, volumes,
 * networks) under {@code root}, runtime files (runc state, sockets, pid file, locks) under {@code runDir}.
 *
 * @param userlandProxy how published ports are served, as dockerd's {@code --userland-proxy}: true (default) by
 *                      proxies in the daemon, false by DNAT rules in the engine's own iptables chains
 */
public record DaemonConfig(Path root, Path runDir, Path socket, boolean userlandProxy) {
    public static final Path DEFAULT_ROOT = Path.of("/var/lib/jcompose");
    public static final Path DEFAULT_RUN = Path.of("/run/jcompose");
    public static final String USERLAND_PROXY_ENV = "JCOMPOSE_ENGINE_USERLAND_PROXY";

    /** With the userland proxy (the default). */
    public DaemonConfig(Path root, Path runDir, Path socket) {
        this(root, runDir, socket, true);
    }

    /**
     * Defaults, overridable with JCOMPOSE_ENGINE_ROOT, JCOMPOSE_ENGINE_RUN, JCOMPOSE_ENGINE_SOCKET and
     * JCOMPOSE_ENGINE_USERLAND_PROXY (true or false).
     */
    public static DaemonConfig fromEnv(Map<String, String> env) {
        Path root = path(env, "JCOMPOSE_ENGINE_ROOT", DEFAULT_ROOT);
        Path run = path(env, "JCOMPOSE_ENGINE_RUN", DEFAULT_RUN);
        Path socket = path(env, "JCOMPOSE_ENGINE_SOCKET", run.resolve("engine.sock"));
        return new DaemonConfig(root, run, socket, parseBoolean(USERLAND_PROXY_ENV, env.get(USERLAND_PROXY_ENV), true));
    }

    public DaemonConfig withUserlandProxy(boolean on) {
        return new DaemonConfig(root, runDir, socket, on);
    }

    /** Go's strconv.ParseBool spellings (what dockerd's boolean flags take); blank = {@code fallback}. */
    public static boolean parseBoolean(String name, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip()) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new IllegalArgumentException("invalid value \"" + value + "\" for " + name
                    + ": true or false expected");
        };
    }

    private static Path path(Map<String, String> env, String key, Path fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() ? fallback : Path.of(v).toAbsolutePath();
    }

    public Path pidFile() {
        return runDir.resolve("engine.pid");
    }

    public Path logFile() {
        return root.resolve("engine.log");
    }

    public Path spoolDir() {
        return root.resolve("tmp");
    }
}
