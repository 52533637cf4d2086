package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The smallest example keeps working: interpolated environment reaches the container, the port is published. */
class HelloE2eTest {
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

    /** The same published port served by DNAT rules (dockerd's --userland-proxy=false). */
    @Nested
    @Tag("root")
    @ExtendWith(EmbeddedDnatEngineExtension.class)
    class OnEmbeddedWithoutUserlandProxy extends Cases {
        @Override
        EngineTarget target() {
            return EngineTarget.embedded();
        }
    }

    abstract static class Cases extends E2eTest {
        @Test
        void helloServesTheGreetingFromTheEnvironment() throws Exception {
            int port = E2eProject.freePort();
            project.example("hello").env(Map.of("HELLO_PORT", String.valueOf(port), "GREETING", "hi from e2e"));

            project.ok("up", "-d");

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            // httpd comes up just after the container starts: poll the page rather than sleep.
            String body = Poll.until("hello page on port " + port, READY, () -> {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 200 ? java.util.Optional.of(r.body()) : java.util.Optional.empty();
                } catch (java.io.IOException e) {
                    return java.util.Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            assertEquals("hi from e2e", body.strip());
        }
    }
}
