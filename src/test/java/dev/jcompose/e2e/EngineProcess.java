package dev.jcompose.e2e;

import dev.jcompose.app.EngineProbe;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The embedded engine as a user has it: `jcompose engine run` in its own JVM over a daemon dir (root/ and run/
 * as {@link dev.jcompose.runtime.api.routes.EmbeddedDaemon#newDirWithBusybox} makes it), with test network names
 * (jcta-*), so a test can kill -9 it. Also the {@link EngineTarget} through which the CLI reaches it.
 */
record EngineProcess(Path dir) implements EngineTarget {
    static Path socket(Path dir) {
        return dir.resolve("run").resolve("engine.sock");
    }

    static Map<String, String> env(Path dir) {
        return Map.of("JCOMPOSE_ENGINE", "embedded", "JCOMPOSE_ENGINE_ROOT", dir.resolve("root").toString(),
                "JCOMPOSE_ENGINE_RUN", dir.resolve("run").toString(), "JCOMPOSE_ENGINE_SOCKET",
                socket(dir).toString());
    }

    /** `jcompose engine run` over {@code dir}; returns once it answers (output in dir/engine-TAG.out). */
    static Process start(Path dir, String tag) throws IOException, InterruptedException {
        return start(dir, tag, Map.of());
    }

    /** With extra environment for the daemon (e.g. JCOMPOSE_ENGINE_USERLAND_PROXY=false). */
    static Process start(Path dir, String tag, Map<String, String> extraEnv) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), "dev.jcompose.cli.Main", "engine", "run")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("engine-" + tag + ".out").toFile()))
                .redirectErrorStream(true);
        pb.environment().putAll(env(dir));
        pb.environment().put("JCOMPOSE_NETWORK_NAMING", "test"); // jcta-* names, never the machine's jc0
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        Path socket = socket(dir);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            while (!EngineProbe.ping(socket)) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new AssertionError("engine did not start:\n" + Files.readString(dir.resolve("engine-" + tag
                            + ".out")));
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException | RuntimeException | Error e) {
            // a test timeout interrupts this wait: the engine must not outlive the test holding its addresses
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw e;
        }
        return p;
    }

    @Override
    public String name() {
        return "embedded process";
    }

    @Override
    public URI host() {
        return URI.create("unix://" + socket(dir));
    }

    @Override
    public Map<String, String> cliEnv() {
        Map<String, String> e = new HashMap<>(System.getenv());
        e.remove("DOCKER_HOST");
        e.putAll(env(dir));
        return e;
    }
}
