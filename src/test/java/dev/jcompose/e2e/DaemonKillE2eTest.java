package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.EngineProbe;
import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ExecResult;
import dev.jcompose.runtime.api.routes.EmbeddedDaemon;
import dev.jcompose.runtime.oci.DockerDefaults;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the embedded engine while a stack runs (the engine as a user has it: `jcompose engine run`, its own
 * JVM): the containers keep running, and once a new engine over the same state answers, DNS by service name works
 * again within 2 s. Embedded only: dockerd is not ours to kill.
 */
@Tag("root")
class DaemonKillE2eTest {
    private static final Duration DNS_BACK = Duration.ofSeconds(2);

    @TempDir
    Path tmp;

    @Test
    void aKilledEngineLeavesTheStackRunningAndARestartServesDnsWithinTwoSeconds() throws Exception {
        Path dir = EmbeddedDaemon.newDirWithBusybox();
        Process engine = null;
        try {
            engine = startEngine(dir, "first");
            try (E2eProject project = new E2eProject("daemonKill", tmp, new ProcessEngine(dir))) {
                project.example("scale").ok("up", "-d", "--scale", "api=2");
                ContainerInfo client = project.container("client");
                assertEquals(2, awaitAnswers(project, client, Duration.ofSeconds(60)), "DNS before the kill");
                List<ContainerInfo> before = List.of(project.containers("api").get(0), project.containers("api")
                        .get(1), client);

                engine.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
                for (ContainerInfo c : before) {
                    assertTrue(ProcessHandle.of(c.status().pid()).map(ProcessHandle::isAlive).orElse(false),
                            c.name() + " died with the engine");
                }

                engine = startEngine(dir, "second");
                long t0 = System.nanoTime();
                int answers = awaitAnswers(project, client, DNS_BACK);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(2, answers, "DNS after the restart");
                assertTrue(ms <= DNS_BACK.toMillis(), "DNS back after " + ms + " ms");
                for (ContainerInfo c : before) {
                    assertEquals(c.status().pid(), project.engine.inspectContainer(c.id()).status().pid(),
                            c.name() + " adopted, not restarted");
                }
            } // down through the restarted engine, and no project object left
        } finally {
            if (engine != null) {
                engine.destroyForcibly().waitFor();
            }
            // a daemon of this JVM over the same state removes what is left and fails on any host residue
            new EmbeddedDaemon(dir, DockerDefaults.CGROUP_PARENT).close();
        }
    }

    /** nslookup api from the client until it answers; returns the number of addresses (0 when out of time). */
    private static int awaitAnswers(E2eProject project, ContainerInfo client, Duration limit) {
        try {
            return Poll.until("DNS answers for api", limit, () -> {
                try {
                    ExecResult r = project.exec(client, "nslookup", "api");
                    int n = DnsE2eTest.Cases.addresses(r.stdout()).size();
                    return r.exitCode() == 0 && n > 0 ? Optional.of(n) : Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (RuntimeException e) {
                    return Optional.empty(); // the engine is not answering yet
                }
            });
        } catch (AssertionError e) {
            return 0;
        }
    }

    /** `jcompose engine run` over {@code dir} with test network names; returns once it answers. */
    private static Process startEngine(Path dir, String tag) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.jcompose.cli.Main", "engine", "run")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("engine-" + tag + ".out").toFile()).redirectErrorStream(true);
        pb.environment().putAll(ProcessEngine.env(dir));
        pb.environment().put("JCOMPOSE_NETWORK_NAMING", "test"); // jcta-* names, never the machine's jc0
        Process p = pb.start();
        Path socket = ProcessEngine.socket(dir);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!EngineProbe.ping(socket)) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                p.destroyForcibly();
                throw new AssertionError("engine did not start:\n" + Files.readString(dir.resolve("engine-" + tag
                        + ".out")));
            }
            Thread.sleep(20);
        }
        return p;
    }

    /** The engine process over {@code dir}, as the CLI finds it. */
    private record ProcessEngine(Path dir) implements EngineTarget {
        static Path socket(Path dir) {
            return dir.resolve("run").resolve("engine.sock");
        }

        static Map<String, String> env(Path dir) {
            return Map.of("JCOMPOSE_ENGINE", "embedded", "JCOMPOSE_ENGINE_ROOT", dir.resolve("root").toString(),
                    "JCOMPOSE_ENGINE_RUN", dir.resolve("run").toString(), "JCOMPOSE_ENGINE_SOCKET",
                    socket(dir).toString());
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
}
