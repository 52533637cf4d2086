package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scaling keeps the replicas it can and numbers new ones from max+1; scaling down removes the highest numbers. */
class ScaleE2eTest {
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
        void scaleUpAddsNumberedReplicasKeepingTheFirst() {
            project.example("scale").ok("up", "-d");
            String first = project.container("api").id();

            project.ok("up", "-d", "--scale", "api=3");

            List<ContainerInfo> api = project.containers("api");
            assertEquals(List.of(1, 2, 3), api.stream().map(E2eProject::number).toList());
            assertEquals(first, api.get(0).id(), "replica #1 kept");
            assertTrue(api.stream().allMatch(E2eTest::running), api.toString());
            assertEquals(List.of(project.name + "-api-1", project.name + "-api-2", project.name + "-api-3"),
                    api.stream().map(ContainerInfo::name).toList());
        }

        @Test
        void scaleDownRemovesTheHighestNumberFirst() {
            project.example("scale").ok("up", "-d", "--scale", "api=3");
            List<ContainerInfo> three = project.containers("api");

            // The plan for 3→1 names #3 before #2.
            Cli.Result dry = project.jc("--dry-run", "up", "-d", "--scale", "api=1");
            String plan = dry.out();
            int third = plan.indexOf("service:api:3");
            int second = plan.indexOf("service:api:2");
            assertTrue(third >= 0 && second > third, "plan removes #3 then #2:\n" + dry.transcript());
            assertEquals(three.stream().map(ContainerInfo::id).toList(),
                    project.containers("api").stream().map(ContainerInfo::id).toList(), "dry run changed nothing");

            project.ok("up", "-d", "--scale", "api=1");
            assertEquals(ids(three.subList(0, 1)), ids(project.containers("api")), "3→1 kept #1 only");
        }
    }
}
