package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerSummary;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A service dropped from the files leaves an orphan: warned about, kept, removed only with --remove-orphans. */
class OrphansE2eTest {
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
        private static final String TWO = """
                services:
                  api:
                    image: jcompose/busybox:latest
                    command: ["sh", "-c", "exec httpd -f -p 8080"]
                  extra:
                    image: jcompose/busybox:latest
                    command: ["sh", "-c", "exec httpd -f -p 8080"]
                """;
        private static final String ONE = """
                services:
                  api:
                    image: jcompose/busybox:latest
                    command: ["sh", "-c", "exec httpd -f -p 8080"]
                """;

        @Test
        void anOrphanIsWarnedAboutAndRemovedOnlyWhenAsked() throws Exception {
            project.file("compose.yaml", TWO).ok("up", "-d");
            String api = project.container("api").id();
            project.file("compose.yaml", ONE); // same path: the project now has one service

            Cli.Result kept = project.ok("up", "-d");
            assertTrue(kept.err().contains("orphan") && kept.err().contains("extra"), kept.transcript());
            assertEquals(1, project.containers("extra").size(), "orphan kept without --remove-orphans");

            project.ok("up", "-d", "--remove-orphans");
            assertEquals(List.of(), project.containers("extra"), "orphan removed");
            assertEquals(List.of(api), project.allContainers().stream().map(ContainerSummary::id).toList(),
                    "api untouched");
        }
    }
}
