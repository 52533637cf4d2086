package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.state.Labels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A cold `up -d --wait` of the webapp example: everything created, running or healthy, labelled like compose. */
class ColdUpE2eTest {
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
        void coldUpWaitLeavesEveryServiceRunningOrHealthy() throws Exception {
            webapp().ok("up", "-d", "--wait");

            // --wait returned: no polling needed, the state must already be there.
            ContainerInfo migrate = project.container("migrate");
            assertEquals(ContainerState.EXITED, migrate.state(), "migrate is a one-shot");
            assertEquals(0, migrate.status().exitCode());
            for (String s : List.of("api", "web")) {
                ContainerInfo c = project.container(s);
                assertTrue(running(c), s + " runs: " + c.status());
                assertEquals(HealthStatus.HEALTHY, c.status().health(), s + " is healthy");
            }
            assertTrue(running(project.container("worker")), "worker runs");
        }

        @Test
        void containersCarryComposeLabels() throws Exception {
            webapp().ok("up", "-d", "--wait");

            Map<String, String> hashes = new HashMap<>();
            for (String line : project.ok("config", "--hash", "*").out().strip().split("\n")) {
                String[] kv = line.split(" ");
                hashes.put(kv[0], kv[1]);
            }
            assertEquals(4, hashes.size(), hashes::toString);
            for (String service : List.of("migrate", "api", "worker", "web")) {
                ContainerInfo c = project.container(service);
                Map<String, String> l = c.config().labels();
                assertEquals(project.name, l.get(Labels.PROJECT), service);
                assertEquals(service, l.get(Labels.SERVICE), service);
                assertEquals("1", l.get(Labels.CONTAINER_NUMBER), service);
                assertEquals("False", l.get(Labels.ONEOFF), service);
                assertEquals(hashes.get(service), l.get(Labels.CONFIG_HASH), service + ": label = config --hash");
                assertEquals(project.name + "-" + service + "-1", c.name());
            }
            assertEquals("api:service_healthy:true", project.container("worker").config().labels()
                    .get(Labels.DEPENDS_ON));
        }

        @Test
        void webServesItsPageOnThePublishedPortAndWorkerReachesApi() throws Exception {
            webapp().ok("up", "-d", "--wait");

            var port = project.container("web").ports().stream().filter(p -> p.hostPort() > 0).findFirst()
                    .orElseThrow(() -> new AssertionError("web publishes no port"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port.hostPort() + "/")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("webapp"), page.body());

            ContainerInfo worker = project.container("worker");
            var answer = project.exec(worker, "sh", "-c", "timeout 5 wget -q -O- http://api:8080/");
            assertEquals(0, answer.exitCode(), answer.toString());
            assertTrue(answer.stdout().contains("api ok schema=3"), "the api read the schema migrate wrote: " + answer);
        }
    }
}
