package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.state.Labels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RELIABILITY.md #12: kill -9 of the CLI at a random moment of `up` or of a recreate, then `up` again: it converges
 * with no duplicate replica, no container left under a temporary name, one project network, and `down` leaves
 * nothing (checked when the project closes). Iterations: -Djcompose.cli.kill.iterations (default 8 per engine;
 * 100 for the full matrix), kill moments replayable with -Djcompose.cli.kill.seed.
 */
class CliKillConvergenceE2eTest {
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
        private static final int ITERATIONS = Integer.getInteger("jcompose.cli.kill.iterations", 8);

        @Test
        void upConvergesAfterTheCliIsKilledAtAnyMoment() throws Exception {
            project.example("scale");
            long seed = Long.getLong("jcompose.cli.kill.seed", System.nanoTime());
            Random random = new Random(seed);
            for (int i = 1; i <= ITERATIONS; i++) {
                // odd rounds: from nothing (create path); even rounds: over a running project (recreate path)
                boolean recreate = i % 2 == 0;
                if (!recreate) {
                    project.ok("down", "-t", "0");
                }
                List<String> args = recreate ? project.args("up", "-d", "--scale", "api=3", "--force-recreate",
                        "-t", "0") : project.args("up", "-d", "--scale", "api=3");
                String tag = "kill" + i;
                Process p = Cli.start(project.dir, tag, project.target.cliEnv(), args);
                long delay = 300 + random.nextInt(2700); // JVM start ~0.3-1 s, then the engine calls
                Thread.sleep(delay);
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup, locks released by the kernel
                p.waitFor();
                String context = "seed " + seed + ", iteration " + i + (recreate ? " (recreate)" : " (create)")
                        + ", killed after " + delay + " ms";

                Cli.Result again = project.jc("up", "-d", "--scale", "api=3", "-t", "0");
                assertEquals(0, again.code(), context + "\n" + again.transcript());
                List<ContainerInfo> api = project.containers("api");
                assertEquals(List.of(1, 2, 3), api.stream().map(E2eProject::number).toList(), context);
                assertEquals(List.of(1), project.containers("client").stream().map(E2eProject::number).toList(),
                        context);
                List<ContainerSummary> all = project.allContainers();
                assertEquals(4, all.size(), context + ": " + all.stream().map(ContainerSummary::name).toList());
                for (ContainerSummary c : all) {
                    assertTrue(c.name().matches(project.name + "-(api-[123]|client-1)"), context
                            + ": a container under a temporary name is left: " + c.name());
                }
                for (ContainerInfo c : api) {
                    assertTrue(c.status().running(), context + ": " + c.name() + " is not running");
                }
                assertEquals(1, project.engine.listNetworks(List.of(Labels.PROJECT + "=" + project.name)).size(),
                        context + ": project networks");
            }
        }

        /**
         * kill -9 during `down`: the engine may still be removing what the killed CLI asked for when the next
         * `down` observes, which must then finish the job (a container already gone, or one whose removal is in
         * progress, is removed as far as down is concerned) and leave no container and no network.
         */
        @Test
        void downConvergesAfterTheCliIsKilledAtAnyMoment() throws Exception {
            project.example("scale");
            long seed = Long.getLong("jcompose.cli.kill.seed", System.nanoTime());
            Random random = new Random(seed);
            for (int i = 1; i <= Math.max(2, ITERATIONS / 2); i++) {
                project.ok("up", "-d", "--scale", "api=3");
                String tag = "killdown" + i;
                Process p = Cli.start(project.dir, tag, project.target.cliEnv(), project.args("down", "-t", "0"));
                long delay = 300 + random.nextInt(1500);
                Thread.sleep(delay);
                p.destroyForcibly();
                p.waitFor();
                String context = "seed " + seed + ", iteration " + i + ", down killed after " + delay + " ms";

                Cli.Result again = project.jc("down", "-t", "0");
                assertEquals(0, again.code(), context + "\n" + again.transcript());
                assertEquals(List.of(), project.allContainers().stream().map(ContainerSummary::name).toList(),
                        context);
                assertEquals(0, project.engine.listNetworks(List.of(Labels.PROJECT + "=" + project.name)).size(),
                        context + ": project networks");
            }
        }
    }
}
