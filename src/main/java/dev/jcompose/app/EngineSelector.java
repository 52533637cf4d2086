package dev.jcompose.app;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.docker.DockerEngine;
import dev.jcompose.engine.docker.EngineHosts;
import dev.jcompose.error.ComposeException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the engine: --engine / JCOMPOSE_ENGINE = docker, embedded or auto (a reachable DOCKER_HOST or
 * /var/run/docker.sock, else the embedded engine).
 */
public final class EngineSelector {
    /** The opened engine and whether it runs on this host (so /proc of its containers is readable). */
    public record Selected(Engine engine, String kind, URI host, boolean local) implements AutoCloseable {
        @Override
        public void close() {
            engine.close();
        }
    }

    private EngineSelector() {
    }

    public static Selected open(String mode, Map<String, String> env, int parallel) {
        String m = mode == null ? "auto" : mode.toLowerCase();
        return switch (m) {
            case "docker" -> docker(EngineHosts.candidates(env).get(0).host(), env, parallel);
            case "embedded" -> embedded(env, parallel);
            case "auto" -> {
                Optional<URI> host = EngineHosts.discover(env);
                yield host.isPresent() ? docker(host.get(), env, parallel) : embedded(env, parallel);
            }
            default -> throw ComposeException.usage("invalid --engine '" + mode
                    + "': use auto, docker or embedded");
        };
    }

    private static Selected docker(URI host, Map<String, String> env, int parallel) {
        DockerEngine engine = new DockerEngine(new DockerEngine.Options(host, parallel <= 0 ? 16 : parallel, null,
                null, env));
        return new Selected(engine, "docker", host, "unix".equals(host.getScheme()));
    }

    private static Selected embedded(Map<String, String> env, int parallel) {
        URI socket = EmbeddedEngineLauncher.ensureRunning(env);
        DockerEngine engine = new DockerEngine(new DockerEngine.Options(socket, parallel <= 0 ? 16 : parallel, null,
                null, env));
        return new Selected(engine, "embedded", socket, true);
    }
}
