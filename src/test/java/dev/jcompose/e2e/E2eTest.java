package dev.jcompose.e2e;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.HealthStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the end-to-end tests: each test gets its own project ({@link E2eProject}) on its engine
 * ({@link #target}), torn down after the test whatever happened. Tests run the real CLI and assert on engine
 * state. A scenario class holds its tests in an abstract nested {@code Cases} and runs them twice through two
 * {@code @Nested} subclasses: {@code OnDockerd} (tag "docker") and {@code OnEmbedded} (tag "root", one
 * in-process embedded daemon per class through {@link EmbeddedEngineExtension}).
 */
abstract class E2eTest {
    static final String BUSYBOX = EngineTarget.BUSYBOX;
    static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    Path tmp;
    E2eProject project;

    @BeforeEach
    void newProject(TestInfo info) {
        project = new E2eProject(info.getTestMethod().orElseThrow().getName(), tmp, target());
    }

    /** The engine this test runs against: each scenario class has a dockerd and an embedded variant. */
    abstract EngineTarget target();

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
