package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.runtime.api.routes.EmbeddedDaemon;
import dev.jcompose.runtime.network.ResidueScan;
import dev.jcompose.runtime.oci.DockerDefaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash of everything: the engine (its own JVM) and every container process killed with SIGKILL while a stack
 * on two networks with a published port runs. `jcompose engine stop --cleanup` then leaves zero residue (links,
 * netns, iptables chains and jumps, mounts, cgroup dirs, runc states, IPAM leases, listeners), reporting each
 * removal; a second run finds nothing; a new engine over the same state starts clean and runs the stack again.
 */
@Tag("root")
class EngineCleanupE2eTest {
    private static final String STACK = """
            services:
              web:
                image: jcompose/busybox:latest
                command: ["httpd", "-f", "-p", "8080"]
                ports: ["127.0.0.1:${PORT}:8080"]
                networks: [front, back]
              worker:
                image: jcompose/busybox:latest
                command: ["sleep", "3600"]
                networks: [back]
            networks:
              front: {}
              back: {}
            """;

    @TempDir
    Path tmp;

    /**
     * With the engine running: `engine stop --cleanup` stops it, then stops the containers it left running (as
     * dockerd without live-restore), keeping their exit codes, and removes every host object; the next start
     * applies restart policies as Docker's boot does (always → running again, none → stays exited).
     */
    @Test
    void cleanupOfARunningEngineStopsItsContainersAndTheNextStartAppliesRestartPolicies() throws Exception {
        Path dir = EmbeddedDaemon.newDirWithBusybox();
        Path root = dir.resolve("root");
        Path run = dir.resolve("run");
        Process engine = null;
        try {
            engine = EngineProcess.start(dir, "first");
            EngineProcess target = new EngineProcess(dir);
            E2eProject project = new E2eProject("cleanupRunning", tmp, target);
            project.env(Map.of("PORT", Integer.toString(E2eProject.freePort())))
                    .file("compose.yaml", STACK.replace("    networks: [front, back]\n",
                            "    networks: [front, back]\n    restart: always\n"))
                    .ok("up", "-d");
            ContainerInfo web = project.container("web");
            ContainerInfo worker = project.container("worker");

            Cli.Result cleanup = Cli.run(target.cliEnv(), List.of("engine", "stop", "--cleanup"));
            assertEquals(0, cleanup.code(), cleanup.transcript());
            assertTrue(cleanup.out().contains("engine stopped"), cleanup.transcript());
            assertTrue(cleanup.out().contains("stopped container " + web.name().replaceFirst("^/", "")),
                    cleanup.transcript());
            assertTrue(cleanup.out().contains("2 container(s) stopped"), cleanup.transcript());
            engine.waitFor();
            assertFalse(ProcessHandle.of(web.status().pid()).map(ProcessHandle::isAlive).orElse(false), "web alive");
            assertEquals(List.of(), ResidueScan.daemonResidue(root, run, DockerDefaults.CGROUP_PARENT),
                    "residue after cleanup; it said:\n" + cleanup.out());

            engine = EngineProcess.start(dir, "second");
            ContainerInfo webAfter = Poll.until("web restarted at boot", java.time.Duration.ofSeconds(10), () -> {
                ContainerInfo c = project.container("web");
                return c.status().running() ? java.util.Optional.of(c) : java.util.Optional.empty();
            });
            assertFalse(webAfter.status().pid() == web.status().pid(), "web is a new process");
            ContainerInfo workerAfter = project.container("worker");
            assertFalse(workerAfter.status().running(), "worker (no restart policy) started again");
            assertEquals(137, workerAfter.status().exitCode(), "sleep ignores SIGTERM as PID 1: SIGKILL");
            assertFalse(workerAfter.status().pid() == worker.status().pid());
            project.close();
        } finally {
            if (engine != null) {
                engine.destroyForcibly().waitFor();
            }
            new EmbeddedDaemon(dir, DockerDefaults.CGROUP_PARENT).close();
        }
    }

    @Test
    void cleanupAfterKillingTheEngineAndEveryContainerLeavesNothingOnTheHost() throws Exception {
        Path dir = EmbeddedDaemon.newDirWithBusybox();
        Path root = dir.resolve("root");
        Path run = dir.resolve("run");
        Process engine = null;
        try {
            engine = EngineProcess.start(dir, "first");
            EngineProcess target = new EngineProcess(dir);
            E2eProject project = new E2eProject("engineCleanup", tmp, target);
            project.env(Map.of("PORT", Integer.toString(E2eProject.freePort()))).file("compose.yaml", STACK)
                    .ok("up", "-d");
            List<ContainerInfo> containers = new ArrayList<>(project.containers("web"));
            containers.addAll(project.containers("worker"));
            assertEquals(2, containers.size());
            List<String> running = ResidueScan.daemonResidue(root, run, DockerDefaults.CGROUP_PARENT);
            assertTrue(running.stream().anyMatch(r -> r.startsWith("netns")) && running.stream()
                    .anyMatch(r -> r.startsWith("IPAM lease")) && running.stream().anyMatch(r -> r.startsWith("mount"))
                    && running.stream().anyMatch(r -> r.startsWith("cgroup")), "control: the scan sees " + running);

            engine.destroyForcibly().waitFor(); // kill -9: no shutdown hook
            for (ContainerInfo c : containers) {
                ProcessHandle.of(c.status().pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(l -> l.contains("conmon")
                    && l.contains(run.toString())).orElse(false)).forEach(ProcessHandle::destroyForcibly);

            Cli.Result cleanup = Cli.run(target.cliEnv(), List.of("engine", "stop", "--cleanup"));
            assertEquals(0, cleanup.code(), cleanup.transcript());
            assertTrue(cleanup.out().contains("stale pid file removed"), cleanup.transcript());
            for (String kind : List.of("removed netns", "removed bridge", "removed iptables chain", "removed mount",
                    "removed endpoint", "removed runc container")) {
                assertTrue(cleanup.out().contains(kind), "no '" + kind + "' in\n" + cleanup.out());
            }
            assertEquals(List.of(), ResidueScan.daemonResidue(root, run, DockerDefaults.CGROUP_PARENT),
                    "residue after cleanup; it said:\n" + cleanup.out());

            Cli.Result again = Cli.run(target.cliEnv(), List.of("engine", "stop", "--cleanup"));
            assertTrue(again.out().contains("0 container(s) stopped, 0 object(s) removed"), again.transcript());

            engine = EngineProcess.start(dir, "second");
            project.ok("up", "-d");
            assertEquals(1, project.containers("web").size());
            assertFalse(project.containers("web").get(0).status().pid() == containers.get(0).status().pid());
            project.close(); // down -v, and fails on anything it left
        } finally {
            if (engine != null) {
                engine.destroyForcibly().waitFor();
            }
            new EmbeddedDaemon(dir, DockerDefaults.CGROUP_PARENT).close();
        }
    }
}
