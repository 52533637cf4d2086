package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a changed configuration replaces, and what it leaves alone. */
class RecreateE2eTest {
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
        private static final List<String> SERVICES = List.of("migrate", "api", "worker", "web");

        @Test
        void changedEnvironmentRecreatesThatServiceAndRestartsDependentsWithRestartTrue() throws Exception {
            webapp().ok("up", "-d", "--wait");
            Map<String, ContainerInfo> before = snapshot();

            project.file("compose.v2.yaml", """
                    services:
                      api:
                        environment:
                          API_VERSION: "2"
                    """);
            Cli.Result up = project.ok("up", "-d", "--wait");
            Map<String, ContainerInfo> after = snapshot();

            assertNotEquals(before.get("api").id(), after.get("api").id(), "api recreated\n" + up.transcript());
            assertEquals(before.get("api").name(), after.get("api").name(), "the replacement has the old name");
            // worker: depends_on api with restart: true → same container, started again after the recreate.
            assertEquals(before.get("worker").id(), after.get("worker").id(), "worker kept\n" + up.transcript());
            assertTrue(after.get("worker").status().startedAt().isAfter(before.get("worker").status().startedAt()),
                    "worker restarted\n" + up.transcript());
            // web: depends_on api without restart → untouched.
            assertEquals(before.get("web").id(), after.get("web").id(), "web kept\n" + up.transcript());
            assertEquals(before.get("web").status().startedAt(), after.get("web").status().startedAt(),
                    "web not restarted\n" + up.transcript());
            assertEquals(before.get("migrate").id(), after.get("migrate").id(), "migrate kept\n" + up.transcript());

            var answer = project.exec(after.get("worker"), "sh", "-c", "timeout 5 wget -q -O- http://api:8080/");
            assertTrue(answer.stdout().contains("version=2"), "the new api answers: " + answer);
        }

        @Test
        void forceRecreateReplacesEveryContainerUnderItsName() throws Exception {
            webapp().ok("up", "-d", "--wait");
            Map<String, ContainerInfo> before = snapshot();

            project.ok("up", "-d", "--wait", "--force-recreate");
            Map<String, ContainerInfo> after = snapshot();

            for (String s : SERVICES) {
                assertNotEquals(before.get(s).id(), after.get(s).id(), s + " replaced");
                assertEquals(before.get(s).name(), after.get(s).name(), s + " keeps its name");
            }
            assertEquals(4, project.allContainers().size(), "no old container left: " + project.allContainers());
            assertTrue(running(after.get("web")) && running(after.get("api")) && running(after.get("worker")));
        }

        private Map<String, ContainerInfo> snapshot() {
            Map<String, ContainerInfo> m = new LinkedHashMap<>();
            SERVICES.forEach(s -> m.put(s, project.container(s)));
            return m;
        }
    }
}
