package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.EngineProbe;
import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.docker.DockerEngine;
import dev.jcompose.runtime.oci.DockerDefaults;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the daemon: its containers keep running (conmon holds them), a container that exits meanwhile
 * has its exit code recorded by conmon, and a new daemon over the same state re-adopts the running one
 * (inspect, stop) and cleans up after the exited one (no runc state, no mount).
 */
@Tag("root")
class DaemonCrashTest {
    private static final String[] SERVICE = {"sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"};

    @Test
    void aKilledDaemonLeavesContainersRunningAndARestartAdoptsThem() throws Exception {
        Path dir = EmbeddedDaemon.newDirWithBusybox();
        try {
            crashAndRecover(dir);
        } finally {
            if (Files.exists(dir)) {
                // the test failed half-way: a daemon over the directory removes what the first one left
                new EmbeddedDaemon(dir, DockerDefaults.CGROUP_PARENT).close();
            }
        }
        assertFalse(Files.exists(dir), "cleanup removed the test directory");
    }

    private void crashAndRecover(Path dir) throws Exception {
        Path socket = dir.resolve("run/engine.sock");
        Process first = startDaemonProcess(dir);
        String runningId;
        String exitingId;
        int pid;
        try {
            assertTrue(waitFor(() -> EngineProbe.ping(socket), Duration.ofSeconds(30)), "daemon did not start");
            try (DockerEngine engine = new DockerEngine(DockerEngine.Options.of(URI.create("unix://" + socket)))) {
                runningId = engine.createContainer(ContainerSpec.builder("jct-survivor", EmbeddedDaemon.BUSYBOX)
                        .cmd(SERVICE).build());
                engine.startContainer(runningId);
                exitingId = engine.createContainer(ContainerSpec.builder("jct-quitter", EmbeddedDaemon.BUSYBOX)
                        .cmd("sh", "-c", "sleep 1; exit 7").build());
                engine.startContainer(exitingId);
                pid = (int) engine.inspectContainer(runningId).status().pid();
            }
        } finally {
            first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no cleanup
        }
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "container died with the daemon");
        Thread.sleep(2000); // the second container exits while no daemon runs

        try (EmbeddedDaemon second = new EmbeddedDaemon(dir, DockerDefaults.CGROUP_PARENT).start();
                DockerEngine engine = new DockerEngine(DockerEngine.Options.of(second.uri()))) {
            ContainerInfo adopted = engine.inspectContainer("jct-survivor");
            assertEquals(ContainerState.RUNNING, adopted.state());
            assertEquals(pid, adopted.status().pid());
            ContainerInfo quitter = engine.inspectContainer(exitingId);
            assertEquals(ContainerState.EXITED, quitter.state());
            assertEquals(7, quitter.status().exitCode(), "exit code from conmon's exit file");
            assertFalse(isMounted(second.root.resolve("containers").resolve(exitingId).resolve("rootfs")),
                    "the exited container's rootfs was released");

            long t0 = System.nanoTime();
            engine.stopContainer(runningId, Duration.ofSeconds(10));
            long stopMs = (System.nanoTime() - t0) / 1_000_000;
            ContainerInfo stopped = engine.inspectContainer(runningId);
            assertEquals(ContainerState.EXITED, stopped.state());
            assertEquals(0, stopped.status().exitCode(), "the trap ran: graceful stop of an adopted container");
            assertTrue(stopMs < 5000, "stop took " + stopMs + " ms");
            engine.startContainer(exitingId); // an adopted daemon can run containers again
            assertEquals(7, engine.waitContainer(exitingId));
        }
    }

    private static Process startDaemonProcess(Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.jcompose.cli.Main", "engine", "run")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("engine.out").toFile()).redirectErrorStream(true);
        pb.environment().put("JCOMPOSE_NETWORK_NAMING", "test"); // jct-* names, never jc0
        pb.environment().put("JCOMPOSE_ENGINE_ROOT", dir.resolve("root").toString());
        pb.environment().put("JCOMPOSE_ENGINE_RUN", dir.resolve("run").toString());
        pb.environment().remove("JCOMPOSE_ENGINE_SOCKET");
        return pb.start();
    }

    private static boolean isMounted(Path p) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(l -> l.split(" ")[4].equals(p.toString()));
    }

    private static boolean waitFor(java.util.function.BooleanSupplier check, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return check.getAsBoolean();
    }
}
