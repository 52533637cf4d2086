package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failing `up`s: fast, with the culprit named, and without leaving a half-started project running. */
class FailureE2eTest {
    @Nested
    @Tag("docker")
    class OnDockerd extends Cases {
        @Override
        EngineTarget target() {
            return EngineTarget.dockerd();
        }
    }

    @Nested
    @Tag("root")
    @ExtendWith(EmbeddedEngineExtension.class)
    class OnEmbedded extends Cases {
        @Override
        EngineTarget target() {
            return EngineTarget.embedded();
        }
    }

    abstract static class Cases extends E2eTest {
        @Test
        void anUnhealthyDependencyFailsFastNamingIt() throws Exception {
            project.file("compose.yaml", """
                    services:
                      db:
                        image: jcompose/busybox:latest
                        command: ["sleep", "3600"]
                        healthcheck:
                          test: ["CMD-SHELL", "exit 1"]
                          interval: 1s
                          timeout: 2s
                          retries: 2
                      app:
                        image: jcompose/busybox:latest
                        command: ["sleep", "3600"]
                        depends_on:
                          db:
                            condition: service_healthy
                    """);
            long start = System.nanoTime();
            Cli.Result up = project.jc("up", "-d");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;

            assertEquals(1, up.code(), up.transcript());
            assertTrue(up.err().contains(project.name + "-db-1") && up.err().contains("unhealthy"),
                    "names the unhealthy dependency:\n" + up.transcript());
            // Unhealthy after ~2 failed probes 1 s apart; fail fast means well under a minute-long timeout.
            assertTrue(seconds < 30, "failed after " + seconds + " s");
            assertFalse(running(project.container("app")), "the dependent was not started: "
                    + project.container("app").status());
        }

        @Test
        void aPortAlreadyAllocatedFailsWithoutLeavingTheProjectHalfStarted() throws Exception {
            try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = occupied.getLocalPort();
                project.example("webapp").env(Map.of("WEB_PORT", String.valueOf(port)));

                Cli.Result up = project.jc("up", "-d");

                assertNotEquals(0, up.code(), up.transcript());
                assertTrue(up.err().contains(String.valueOf(port)), "names the port:\n" + up.transcript());
                // Not even migrate ran: every container there is was never started.
                List<ContainerSummary> started = project.allContainers().stream()
                        .filter(c -> c.state() != ContainerState.CREATED).toList();
                assertEquals(List.of(), started.stream().map(c -> c.name() + " " + c.state()).toList(),
                        "nothing of the project started\n" + up.transcript());
            }
        }
    }
}
