package dev.jcompose.e2e;

import dev.jcompose.engine.docker.DockerEngine;
import dev.jcompose.engine.docker.EngineHosts;
import dev.jcompose.runtime.api.routes.EmbeddedDaemon;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine an e2e test runs against: the machine's dockerd, or an embedded daemon of this JVM
 * ({@link EmbeddedEngineExtension}). Both are reached the same way: the CLI gets an environment selecting the
 * engine, and the test inspects state through a {@link DockerEngine} on the engine's socket.
 */
interface EngineTarget {
    String BUSYBOX = "jcompose/busybox:latest";

    /** "dockerd" or "embedded", for messages. */
    String name();

    /** The Docker API endpoint the test's own {@link DockerEngine} uses. */
    URI host();

    /** The whole environment the CLI runs with. */
    Map<String, String> cliEnv();

    static EngineTarget dockerd() {
        return Dockerd.INSTANCE;
    }

    /** The daemon the current embedded test class runs against (started by {@link EmbeddedEngineExtension}). */
    static EngineTarget embedded() {
        return EmbeddedEngineExtension.current();
    }

    /** The machine's dockerd, with jcompose/busybox:latest made once per run when missing. */
    final class Dockerd implements EngineTarget {
        static final Dockerd INSTANCE = new Dockerd();
        private URI host;

        @Override
        public String name() {
            return "dockerd";
        }

        @Override
        public synchronized URI host() {
            if (host == null) {
                host = EngineHosts.discover(System.getenv()).orElseThrow(() -> new AssertionError("no reachable"
                        + " dockerd (DOCKER_HOST or /var/run/docker.sock); exclude the \"docker\" tag to skip"));
                ensureBusybox(host);
            }
            return host;
        }

        @Override
        public Map<String, String> cliEnv() {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("JCOMPOSE_ENGINE", "docker");
            return env;
        }

        private static void ensureBusybox(URI host) {
            try (DockerEngine engine = new DockerEngine(DockerEngine.Options.of(host))) {
                if (engine.findImage(BUSYBOX).isPresent()) {
                    return;
                }
            }
            try {
                Process p = new ProcessBuilder("scripts/make-busybox-image.sh", BUSYBOX).redirectErrorStream(true)
                        .start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new AssertionError("scripts/make-busybox-image.sh failed:\n" + output);
                }
            } catch (IOException e) {
                throw new AssertionError("scripts/make-busybox-image.sh: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** An embedded daemon on temp dirs; the CLI finds it through JCOMPOSE_ENGINE=embedded and its paths. */
    record Embedded(EmbeddedDaemon daemon) implements EngineTarget {
        @Override
        public String name() {
            return "embedded";
        }

        @Override
        public URI host() {
            return daemon.uri();
        }

        @Override
        public Map<String, String> cliEnv() {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.remove("DOCKER_HOST");
            env.put("JCOMPOSE_ENGINE", "embedded");
            env.put("JCOMPOSE_ENGINE_ROOT", daemon.root.toString());
            env.put("JCOMPOSE_ENGINE_RUN", daemon.run.toString());
            env.put("JCOMPOSE_ENGINE_SOCKET", daemon.config.socket().toString());
            return env;
        }
    }
}
