package dev.jcompose.app;

import dev.jcompose.error.ComposeException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds (and, once the embedded daemon can run containers, starts) the embedded engine's socket:
 * JCOMPOSE_ENGINE_SOCKET or /run/jcompose/engine.sock.
 */
public final class EmbeddedEngineLauncher {
    public static final Path DEFAULT_SOCKET = Path.of("/run/jcompose/engine.sock");

    private EmbeddedEngineLauncher() {
    }

    public static Path socket(Map<String, String> env) {
        String s = env.get("JCOMPOSE_ENGINE_SOCKET");
        return s == null || s.isBlank() ? DEFAULT_SOCKET : Path.of(s);
    }

    public static URI ensureRunning(Map<String, String> env) {
        Path socket = socket(env);
        if (Files.exists(socket)) {
            return URI.create("unix://" + socket.toAbsolutePath());
        }
        throw new ComposeException(ComposeException.Kind.ENGINE, "no Docker engine is reachable and the embedded "
                + "engine is not running (" + socket + "); start dockerd or `jcompose engine start`");
    }
}
