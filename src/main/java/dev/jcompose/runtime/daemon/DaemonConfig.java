package dev.jcompose.runtime.daemon;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the embedded engine keeps things: persistent state (content, images, snapshots, containers, volumes,
 * networks) under {@code root}, runtime files (runc state, sockets, pid file, locks) under {@code runDir}.
 */
public record DaemonConfig(Path root, Path runDir, Path socket) {
    public static final Path DEFAULT_ROOT = Path.of("/var/lib/jcompose");
    public static final Path DEFAULT_RUN = Path.of("/run/jcompose");

    /** Defaults, overridable with JCOMPOSE_ENGINE_ROOT, JCOMPOSE_ENGINE_RUN and JCOMPOSE_ENGINE_SOCKET. */
    public static DaemonConfig fromEnv(Map<String, String> env) {
        Path root = path(env, "JCOMPOSE_ENGINE_ROOT", DEFAULT_ROOT);
        Path run = path(env, "JCOMPOSE_ENGINE_RUN", DEFAULT_RUN);
        Path socket = path(env, "JCOMPOSE_ENGINE_SOCKET", run.resolve("engine.sock"));
        return new DaemonConfig(root, run, socket);
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
