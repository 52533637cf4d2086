package dev.jcompose.e2e;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.docker.DockerEngine;
import dev.jcompose.engine.docker.EngineHosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the end-to-end tests: each test gets its own project ({@link E2eProject}) on the machine's dockerd,
 * torn down after the test whatever happened. Tests run the real CLI and assert on engine state.
 */
@Tag("docker")
abstract class E2eTest {
    static final String BUSYBOX = "jcompose/busybox:latest";
    static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    Path tmp;
    E2eProject project;

    @BeforeAll
    static void busybox() throws IOException, InterruptedException {
        try (DockerEngine engine = new DockerEngine(DockerEngine.Options.of(EngineHosts.discover(System.getenv())
                .orElseThrow(() -> new AssertionError("no reachable dockerd; exclude the \"docker\" tag to skip"))))) {
            if (engine.findImage(BUSYBOX).isPresent()) {
                return;
            }
        }
        Process p = new ProcessBuilder("scripts/make-busybox-image.sh", BUSYBOX).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("scripts/make-busybox-image.sh failed:\n" + output);
        }
    }

    @BeforeEach
    void newProject(TestInfo info) {
        project = new E2eProject(info.getTestMethod().orElseThrow().getName(), tmp);
    }

    @AfterEach
    void downProject() {
        project.close();
    }

    /** The webapp example with its published port moved to a free one. */
    E2eProject webapp() throws IOException {
        return project.example("webapp").env(Map.of("WEB_PORT", String.valueOf(E2eProject.freePort())));
    }

    static String ids(List<ContainerInfo> cs) {
        return cs.stream().map(ContainerInfo::id).collect(Collectors.joining(","));
    }

    /** Waits until the container's health is {@code want} (a state reached asynchronously by the engine). */
    ContainerInfo awaitHealth(String service, HealthStatus want) {
        return Poll.until(service + " " + want, READY, () -> {
            ContainerInfo c = project.container(service);
            return c.status().health() == want ? Optional.of(c) : Optional.empty();
        });
    }

    static boolean running(ContainerInfo c) {
        return c.state() == ContainerState.RUNNING;
    }
}
