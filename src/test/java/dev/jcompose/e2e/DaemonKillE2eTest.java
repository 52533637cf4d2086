package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ExecResult;
import dev.jcompose.runtime.api.routes.EmbeddedDaemon;
import dev.jcompose.runtime.oci.DockerDefaults;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            try (E2eProject project = new E2eProject("daemonKill", tmp, new EngineProcess(dir))) {
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

    private static Process startEngine(Path dir, String tag) throws IOException, InterruptedException {
        return EngineProcess.start(dir, tag);
    }
}
