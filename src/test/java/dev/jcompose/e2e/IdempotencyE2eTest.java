package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A second `up` with nothing changed changes nothing: same containers, no progress, an empty plan. */
class IdempotencyE2eTest {
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
        private static final List<String> CHANGES = List.of("Created", "Creating", "Recreate", "Recreated", "Started",
                "Starting", "Stopped", "Removed", "Restarted");

        @Test
        void secondUpOfARunningStackTouchesNothing() throws Exception {
            project.example("scale").ok("up", "-d");
            String before = ids(project.containers("api")) + ";" + ids(project.containers("client"));

            Cli.Result again = project.ok("up", "-d");

            assertEquals(before, ids(project.containers("api")) + ";" + ids(project.containers("client")));
            for (String word : CHANGES) {
                assertEquals(List.of(), again.progress(word), word + " in\n" + again.transcript());
            }
            Cli.Result synced = project.jc("plan");
            assertEquals(0, synced.code(), "plan after up: " + synced.transcript());
            assertTrue(synced.out().contains("No changes"), synced.transcript());
        }

        @Test
        void secondUpOfWebappOnlyRerunsTheOneShotMigration() throws Exception {
            webapp().ok("up", "-d", "--wait");
            List<String> services = List.of("migrate", "api", "worker", "web");
            List<String> before = services.stream().map(s -> project.container(s).id()).toList();
            Instant apiStarted = project.container("api").status().startedAt();

            Cli.Result again = project.ok("up", "-d");

            assertEquals(before, services.stream().map(s -> project.container(s).id()).toList(),
                    "no container replaced");
            assertEquals(apiStarted, project.container("api").status().startedAt(), "api not restarted");
            // Like docker compose v2, `up` starts every container that is not running: the exited one-shot runs again.
            assertEquals(List.of("Container " + project.name + "-migrate-1 Started"),
                    again.progress("Started").stream().map(l -> l.replaceAll("\\s+", " ")).toList(),
                    again.transcript());
            for (String word : List.of("Created", "Recreate", "Recreated", "Stopped", "Removed", "Restarted")) {
                assertEquals(List.of(), again.progress(word), word + " in\n" + again.transcript());
            }
            ContainerInfo migrate = Poll.until("migrate exited again", READY, () -> java.util.Optional.of(
                    project.container("migrate")).filter(c -> !running(c)));
            assertEquals(0, migrate.status().exitCode());

            // What plan reports now is exactly that rerun.
            Cli.Result plan = project.jc("plan");
            assertEquals(2, plan.code(), plan.transcript());
            assertEquals(1, plan.out().strip().lines().count(), plan.out());
            assertTrue(plan.out().contains("START_CONTAINER " + project.name + "-migrate-1"), plan.out());
        }
    }
}
