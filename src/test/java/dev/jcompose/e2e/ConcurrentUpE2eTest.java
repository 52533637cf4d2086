package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two `up` of one project at the same time, as two processes: never a duplicate replica. */
class ConcurrentUpE2eTest {
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
        private static final int ROUNDS = 3;

        @Test
        void twoConcurrentUpsCreateEachReplicaOnce() throws Exception {
            project.example("scale");
            for (int round = 1; round <= ROUNDS; round++) {
                if (round > 1) {
                    project.ok("down", "-t", "0");
                }
                List<Process> ps = new ArrayList<>();
                for (String tag : List.of("a" + round, "b" + round)) {
                    ps.add(Cli.start(project.dir, tag, project.target.cliEnv(),
                            project.args("up", "-d", "--scale", "api=3")));
                }
                Cli.Result a = Cli.finish(ps.get(0), project.dir, "a" + round, 180);
                Cli.Result b = Cli.finish(ps.get(1), project.dir, "b" + round, 180);
                String both = "round " + round + "\n" + a.transcript() + "\n" + b.transcript();
                assertEquals(0, a.code(), both);
                assertEquals(0, b.code(), both);

                List<ContainerInfo> api = project.containers("api");
                assertEquals(List.of(1, 2, 3), api.stream().map(E2eProject::number).toList(), both);
                assertEquals(List.of(1), project.containers("client").stream().map(E2eProject::number).toList(), both);
                assertEquals(4, project.allContainers().size(), both);
                // The later command found everything in place: it created nothing.
                assertTrue(a.progress("Created").isEmpty() != b.progress("Created").isEmpty(), both);
            }
        }
    }
}
