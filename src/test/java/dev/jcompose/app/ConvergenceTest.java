package dev.jcompose.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.ProgressEvent;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.ProjectLoader;
import dev.jcompose.model.Project;
import dev.jcompose.plan.DownOptions;
import dev.jcompose.plan.Plan;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole convergence path — loader, observer, reconciler, executor — against the in-memory engine: what a
 * user sees across successive `up`/`down` runs (idempotency, targeted recreate, scale, dependencies).
 */
class ConvergenceTest {
    @TempDir
    Path dir;
    FakeEngine fake;
    List<ProgressEvent> events;

    @BeforeEach
    void setUp() {
        fake = new FakeEngine();
        fake.addImage("busybox:latest", ImageConfig.EMPTY);
        events = new ArrayList<>();
    }

    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), yaml);
        Map<String, String> env = Map.of("JCOMPOSE_LOCK_WAIT", "5");
        return ProjectLoader.load(LoadOptions.defaults(dir, env).withProjectName("demo")).project();
    }

    private ComposeApp app(Project p) {
        ProgressListener l = new ProgressListener() {
            @Override
            public void on(ProgressEvent e) {
                synchronized (events) {
                    events.add(e);
                }
            }
        };
        return new ComposeApp(new EngineSelector.Selected(fake, "fake", URI.create("fake:/"), false), p, l, -1,
                Map.of("JCOMPOSE_LOCK_WAIT", "5"));
    }

    private Plan up(String yaml) throws IOException {
        return app(load(yaml)).up(UpRequest.defaults());
    }

    private Map<String, String> ids() {
        return fake.listContainers(List.of("com.docker.compose.project=demo"), true).stream()
                .collect(Collectors.toMap(ContainerSummary::name, ContainerSummary::id, (a, b) -> a, TreeMap::new));
    }

    static final String STACK = """
            services:
              db:
                image: busybox:latest
                environment: {ROLE: db}
                volumes: [data:/data, /anon]
              web:
                image: busybox:latest
                environment: {ROLE: web}
                depends_on: [db]
            volumes:
              data: {}
            """;

    @Test
    void coldUpCreatesNetworkVolumeAndStartedContainers() throws IOException {
        up(STACK);
        assertEquals(List.of("demo-db-1", "demo-web-1"), List.copyOf(ids().keySet()));
        for (String id : ids().values()) {
            ContainerInfo c = fake.inspectContainer(id);
            assertEquals(ContainerState.RUNNING, c.state());
            assertEquals("demo", c.config().labels().get("com.docker.compose.project"));
            assertTrue(c.networks().containsKey("demo_default"), c.networks().toString());
        }
        assertEquals(1, fake.listVolumes(List.of("com.docker.compose.volume=data")).size());
    }

    @Test
    void secondUpChangesNothing() throws IOException {
        up(STACK);
        Map<String, String> before = ids();
        events.clear();
        Plan second = up(STACK);
        assertTrue(second.isEmpty(), second.toString());
        assertEquals(before, ids());
        assertTrue(events.isEmpty(), events.toString());
    }

    @Test
    void changingOneServiceRecreatesOnlyItAndKeepsItsAnonymousVolume() throws IOException {
        up(STACK);
        Map<String, String> before = ids();
        String anonBefore = anonymousVolume(before.get("demo-db-1"));
        Plan plan = up(STACK.replace("ROLE: db", "ROLE: database"));
        assertTrue(plan.toString().contains("config hash differs"), plan.toString());
        Map<String, String> after = ids();
        assertEquals(before.get("demo-web-1"), after.get("demo-web-1"), "web untouched");
        assertNotEquals(before.get("demo-db-1"), after.get("demo-db-1"), "db recreated");
        assertEquals(anonBefore, anonymousVolume(after.get("demo-db-1")), "anonymous volume carried over");
        assertTrue(fake.inspectContainer(after.get("demo-db-1")).config().env().contains("ROLE=database"));
    }

    private String anonymousVolume(String id) {
        return fake.inspectContainer(id).mounts().stream().filter(m -> "/anon".equals(m.destination()))
                .map(ContainerInfo.MountPoint::name).findFirst().orElseThrow();
    }

    @Test
    void scaleUpNumbersFromMaxAndScaleDownRemovesHighestFirst() throws IOException {
        Project p = load(STACK);
        app(p).up(new UpRequest(List.of(), false, false, false, false, false, false, false, Map.of("web", 3), null,
                false, false, null, null, false));
        assertEquals(List.of("demo-db-1", "demo-web-1", "demo-web-2", "demo-web-3"), List.copyOf(ids().keySet()));
        app(p).up(new UpRequest(List.of(), false, false, false, false, false, false, false, Map.of("web", 1), null,
                false, false, null, null, false));
        assertEquals(List.of("demo-db-1", "demo-web-1"), List.copyOf(ids().keySet()));
    }

    @Test
    void downRemovesContainersAndNetworkButKeepsVolumesUnlessAsked() throws IOException {
        Project p = load(STACK);
        app(p).up(UpRequest.defaults());
        app(p).down(DownOptions.defaults(), null, false);
        assertTrue(ids().isEmpty());
        assertTrue(fake.listNetworks(List.of("com.docker.compose.project=demo")).isEmpty());
        assertEquals(1, fake.listVolumes(List.of("com.docker.compose.volume=data")).size(), "named volume kept");
        app(p).up(UpRequest.defaults());
        app(p).down(new DownOptions(false, true, null), null, false);
        assertTrue(fake.listVolumes(List.of("com.docker.compose.project=demo")).isEmpty(), "down -v removes it");
    }

    @Test
    void unhealthyDependencyFailsFastNamingIt() throws IOException {
        String yaml = """
                services:
                  db:
                    image: busybox:latest
                    healthcheck: {test: ["CMD", "true"], interval: 1s}
                  web:
                    image: busybox:latest
                    depends_on:
                      db: {condition: service_healthy}
                """;
        Project p = load(yaml);
        fake.program("demo-db-1", dev.jcompose.engine.fake.FakeProcess.SERVICE
                .withHealth(HealthStatus.STARTING, HealthStatus.STARTING, HealthStatus.UNHEALTHY));
        ComposeException e = assertThrows(ComposeException.class, () -> app(p).up(UpRequest.defaults()));
        assertTrue(e.getMessage().contains("demo-db-1 is unhealthy"), e.getMessage());
        assertEquals(ContainerState.CREATED, fake.inspectContainer("demo-web-1").state(), "web never started");
    }

    @Test
    void healthyDependencyLetsTheDependentStart() throws IOException {
        String yaml = """
                services:
                  db:
                    image: busybox:latest
                    healthcheck: {test: ["CMD", "true"], interval: 1s}
                  web:
                    image: busybox:latest
                    depends_on:
                      db: {condition: service_healthy}
                """;
        Project p = load(yaml);
        fake.program("demo-db-1", dev.jcompose.engine.fake.FakeProcess.SERVICE
                .withHealth(HealthStatus.STARTING, HealthStatus.HEALTHY));
        app(p).up(UpRequest.defaults());
        assertEquals(ContainerState.RUNNING, fake.inspectContainer("demo-web-1").state());
    }

    @Test
    void failedOneShotDependencyStopsTheDependent() throws IOException {
        String yaml = """
                services:
                  migrate:
                    image: busybox:latest
                  web:
                    image: busybox:latest
                    depends_on:
                      migrate: {condition: service_completed_successfully}
                """;
        Project p = load(yaml);
        fake.program("demo-migrate-1", dev.jcompose.engine.fake.FakeProcess.exitsWith(3));
        ComposeException e = assertThrows(ComposeException.class, () -> app(p).up(UpRequest.defaults()));
        assertTrue(e.getMessage().contains("service migrate didn't complete successfully: exit 3"), e.getMessage());
    }

    @Test
    void unknownServiceIsAUsageError() throws IOException {
        Project p = load(STACK);
        ComposeException e = assertThrows(ComposeException.class, () -> app(p).up(new UpRequest(List.of("nope"),
                false, false, false, false, false, false, false, Map.of(), null, false, false, null, null, false)));
        assertEquals(ComposeException.Kind.USAGE, e.kind());
    }
}
