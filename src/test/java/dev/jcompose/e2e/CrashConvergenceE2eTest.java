package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.runtime.api.routes.EmbeddedDaemon;
import dev.jcompose.runtime.network.ResidueScan;
import dev.jcompose.runtime.oci.DockerDefaults;
import dev.jcompose.state.Labels;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY.md's crash convergence, on the engine side: the embedded engine (its own JVM) is killed with
 * SIGKILL at a random moment of `up` or `down` of a small stack, again and again, each time restarted over the
 * same state. Then one `up` must converge (one container per service, all running, one network, no duplicate)
 * and `down` must leave the host exactly as an idle engine has it (no link, netns, rule, mount, cgroup, runc
 * state or IPAM lease of the stack), and `engine stop --cleanup` nothing at all.
 *
 * <p>Knobs (system properties): {@code jcompose.crash.iterations} (default 20, CI; 100 for the full matrix
 * run), {@code jcompose.crash.seed} (printed on failure, to replay the same kill moments).
 */
@Tag("root")
class CrashConvergenceE2eTest {
    private static final String STACK = """
            services:
              web:
                image: jcompose/busybox:latest
                command: ["httpd", "-f", "-p", "8080"]
                ports: ["127.0.0.1:${PORT}:8080"]
              worker:
                image: jcompose/busybox:latest
                command: ["sleep", "3600"]
                depends_on: [web]
            """;
    private static final long MAX_KILL_DELAY_MS = 1_200;

    @TempDir
    Path tmp;

    @Test
    void killingTheEngineDuringUpAndDownRepeatedlyStillConvergesAndLeavesNoResidue() throws Exception {
        int iterations = Integer.getInteger("jcompose.crash.iterations", 20);
        long seed = Long.getLong("jcompose.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path dir = EmbeddedDaemon.newDirWithBusybox();
        Path root = dir.resolve("root");
        Path run = dir.resolve("run");
        List<String> history = new ArrayList<>();
        Process engine = null;
        try {
            engine = EngineProcess.start(dir, "0");
            TreeSet<String> idle = new TreeSet<>(ResidueScan.daemonResidue(root, run, DockerDefaults.CGROUP_PARENT));
            E2eProject project = new E2eProject("crashConverge", tmp, new DirectSocket(dir));
            project.env(Map.of("PORT", Integer.toString(E2eProject.freePort()))).file("compose.yaml", STACK);

            for (int i = 1; i <= iterations; i++) {
                String[] op = random.nextInt(3) < 2 ? new String[] {"up", "-d"} : new String[] {"down", "-t", "0"};
                long delay = random.nextLong(MAX_KILL_DELAY_MS);
                long t0 = System.nanoTime();
                CompletableFuture<Cli.Result> command = CompletableFuture.supplyAsync(() -> project.jc(op));
                Thread.sleep(delay);
                engine.destroyForcibly().waitFor(); // kill -9
                Cli.Result r = command.get(60, TimeUnit.SECONDS);
                history.add(i + ": " + String.join(" ", op) + " killed after " + delay + " ms -> exit " + r.code());
                long restart = System.nanoTime();
                engine = EngineProcess.start(dir, Integer.toString(i));
                history.set(history.size() - 1, history.get(history.size() - 1) + ", engine back in "
                        + (System.nanoTime() - restart) / 1_000_000 + " ms, iteration " + (System.nanoTime() - t0)
                        / 1_000_000 + " ms");
            }
            String context = "seed " + seed + "\n" + String.join("\n", history);
            System.out.println("crash convergence, " + context);

            project.ok("up", "-d");
            for (String service : List.of("web", "worker")) {
                List<ContainerInfo> cs = project.containers(service);
                assertEquals(1, cs.size(), service + " containers after the crashes: " + cs + "\n" + context);
                assertTrue(cs.get(0).status().running(), service + " not running\n" + context);
            }
            assertEquals(2, project.allContainers().size(), "project containers (one-offs, duplicates)\n" + context);
            assertEquals(1, project.engine.listNetworks(List.of(Labels.PROJECT + "=" + project.name)).size(),
                    "project networks\n" + context);

            project.ok("down", "-t", "0");
            assertEquals(idle, new TreeSet<>(ResidueScan.daemonResidue(root, run, DockerDefaults.CGROUP_PARENT)),
                    "host objects after down vs an idle engine\n" + context);
            project.close();

            engine.destroy(); // SIGTERM: the engine stops, containers (none) would keep running
            engine.waitFor(20, TimeUnit.SECONDS);
            Cli.Result cleanup = Cli.run(new EngineProcess(dir).cliEnv(), List.of("engine", "stop", "--cleanup"));
            assertEquals(0, cleanup.code(), cleanup.transcript());
            assertEquals(List.of(), ResidueScan.daemonResidue(root, run, DockerDefaults.CGROUP_PARENT),
                    "after engine stop --cleanup\n" + cleanup.out());
        } finally {
            if (engine != null) {
                engine.destroyForcibly().waitFor();
            }
            new EmbeddedDaemon(dir, DockerDefaults.CGROUP_PARENT).close();
        }
    }

    /**
     * The engine's socket as a plain Docker host: the CLI must not auto-start an engine of its own when it
     * finds the socket dead for a moment (that is the point of the kill).
     */
    private record DirectSocket(Path dir) implements EngineTarget {
        @Override
        public String name() {
            return "embedded process (as DOCKER_HOST)";
        }

        @Override
        public URI host() {
            return URI.create("unix://" + EngineProcess.socket(dir));
        }

        @Override
        public Map<String, String> cliEnv() {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("JCOMPOSE_ENGINE", "docker");
            env.put("DOCKER_HOST", host().toString());
            return env;
        }
    }
}
