package dev.jcompose.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.Stdio;
import dev.jcompose.engine.fake.FakeProcess;
import dev.jcompose.error.ComposeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run` on the fake engine: dependencies, the one-off container's shape, attached runs and exit codes. */
class RunServiceTest {
    static final String STACK = """
            services:
              db:
                image: busybox:latest
                volumes: [/anon-db]
              web:
                image: tool:latest
                depends_on: [db]
                ports: ["8080:80"]
                environment: {ROLE: web, KEEP: yes}
                labels: {team: a}
                volumes: [/cache]
                networks:
                  default: {aliases: [frontend]}
                restart: always
            """;

    @TempDir
    Path dir;

    private FakeProject stack(String yaml) {
        FakeProject p = new FakeProject(dir, yaml);
        p.fake.addImage("tool:latest", ImageConfig.EMPTY);
        return p;
    }

    private RunService service(FakeProject p) {
        return new RunService(p.selected(), p.project, p.listener(), -1, FakeProject.ENV, new SplittableRandom(7));
    }

    private static RunRequest req(String... command) {
        return RunRequest.of("web", List.of(command));
    }

    @Test
    void oneOffIsNamedBySlugLabelledAndHasNoPortsNorRestartPolicy() {
        FakeProject p = stack(STACK);
        RunService.OneOff c = service(p).create(req("true"));
        ContainerInfo info = p.fake.inspectContainer(c.id());
        var labels = info.config().labels();
        assertEquals("True", labels.get("com.docker.compose.oneoff"));
        String slug = labels.get("com.docker.compose.slug");
        assertTrue(slug.matches("[0-9a-f]{64}"), slug);
        assertEquals("demo-web-run-" + slug.substring(0, 12), info.name());
        assertEquals("web", labels.get("com.docker.compose.service"));
        assertFalse(labels.containsKey("com.docker.compose.container-number"));
        assertEquals("a", labels.get("team"));
        assertEquals("no", info.restartPolicy().name());
        assertEquals(ContainerState.CREATED, info.state());
        assertTrue(info.ports().isEmpty());
        assertEquals(List.of(info.name()), info.networks().get("demo_default").aliases().stream()
                .filter(a -> !a.equals(info.shortId())).toList(), "only its own name without --use-aliases");
        assertEquals(List.of("true"), info.config().cmd());
    }

    @Test
    void dependenciesAreStartedButTheTargetsReplicasAreNot() {
        FakeProject p = stack(STACK);
        service(p).create(req("true"));
        List<String> names = p.containers();
        assertTrue(names.contains("demo-db-1"), names.toString());
        assertFalse(names.contains("demo-web-1"), names.toString());
        assertEquals(ContainerState.RUNNING, p.fake.inspectContainer("demo-db-1").state());
    }

    @Test
    void runningReplicasOfTheTargetAreLeftAlone() {
        FakeProject p = stack(STACK);
        p.app().up(UpRequest.defaults());
        String before = p.fake.inspectContainer("demo-web-1").id();
        service(p).create(req("true"));
        assertEquals(before, p.fake.inspectContainer("demo-web-1").id());
        assertTrue(p.warnings.stream().noneMatch(w -> w.toLowerCase().contains("orphan")), p.warnings.toString());
    }

    @Test
    void noDepsStartsNothingElseButStillCreatesTheNetwork() {
        FakeProject p = stack(STACK);
        service(p).create(req("true").withNoDeps(true));
        assertFalse(p.containers().contains("demo-db-1"), p.containers().toString());
        assertEquals(1, p.fake.listNetworks(List.of("com.docker.compose.network=default")).size());
    }

    @Test
    void flagsOverrideTheService() {
        FakeProject p = stack(STACK);
        RunRequest r = new RunRequest("web", List.of(), false, false, "custom", List.of("ROLE=job", "EXTRA=1"),
                List.of("team=b"), List.of("127.0.0.1:9090:90/udp"), false, true, "nobody", "/work", "sh -c",
                false, true, false, List.of("NET_ADMIN"), List.of(), List.of("vol:/data:ro"), null, false, false);
        ContainerInfo info = p.fake.inspectContainer(service(p).create(r).id());
        assertEquals("custom", info.name());
        assertTrue(info.config().env().containsAll(List.of("ROLE=job", "EXTRA=1", "KEEP=yes")),
                info.config().env().toString());
        assertEquals("b", info.config().labels().get("team"));
        assertEquals("nobody", info.config().user());
        assertEquals("/work", info.config().workingDir());
        assertEquals(List.of("sh", "-c"), info.config().entrypoint());
        assertEquals(List.of(), info.config().cmd(), "a new entrypoint drops the service's command");
        assertTrue(info.config().tty());
        assertTrue(info.networks().get("demo_default").aliases().containsAll(List.of("custom", "web", "frontend")));
        assertTrue(info.mounts().stream().anyMatch(m -> m.destination().equals("/data") && m.name().equals("vol")
                && !m.readWrite()), info.mounts().toString());
        assertTrue(info.config().exposedPorts().contains("90/udp"), info.config().exposedPorts().toString());
    }

    @Test
    void servicePortsKeepsTheServicesBindingsAndConflictsWithPublish() {
        FakeProject p = stack(STACK);
        RunRequest both = new RunRequest("web", List.of(), false, false, null, List.of(), List.of(),
                List.of("1:1"), true, false, null, null, null, false, false, false, List.of(), List.of(), List.of(),
                null, false, false);
        ComposeException e = assertThrows(ComposeException.class, () -> service(p).create(both));
        assertEquals("--service-ports and --publish are incompatible", e.getMessage());
        assertTrue(p.containers().isEmpty(), "nothing created");
        RunRequest ports = new RunRequest("web", List.of(), false, false, null, List.of(), List.of(), List.of(),
                true, false, null, null, null, false, false, false, List.of(), List.of(), List.of(), null, false,
                false);
        RunService.OneOff c = service(p).create(ports);
        p.fake.startContainer(c.id());
        assertEquals(8080, p.fake.inspectContainer(c.id()).ports().getFirst().hostPort());
    }

    @Test
    void attachedRunStreamsOutputReturnsTheExitCodeAndRmRemovesContainerAndAnonymousVolumes() {
        FakeProject p = stack(STACK);
        p.fake.programForImage("tool:latest", FakeProcess.exitsWith(3).printing("hi").printingToStderr("oops"));
        int volumesBefore = p.fake.listVolumes(List.of()).size();
        RunService svc = service(p);
        RunService.OneOff c = svc.create(req().withRemove(true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int[] started = {0};
        int code = svc.runAttached(c, Stdio.of(null, out, err), () -> started[0]++);
        assertEquals(3, code);
        assertEquals("hi\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("oops\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(1, started[0]);
        assertTrue(p.fake.findContainer(c.id()).isEmpty(), "removed");
        // db's anonymous volume was created by the run (db started); the one-off's /cache volume is gone.
        assertEquals(volumesBefore + 1, p.fake.listVolumes(List.of()).size(), p.fake.listVolumes(List.of())
                .toString());
    }

    @Test
    void interactiveRunSendsStdinAndTtyPutsEverythingOnStdout() {
        FakeProject p = stack(STACK);
        p.fake.programForImage("tool:latest", FakeProcess.exitsWith(0).printingToStderr("err-line"));
        RunService svc = service(p);
        RunRequest r = new RunRequest("web", List.of("cat"), false, false, null, List.of(), List.of(), List.of(),
                false, false, null, null, null, true, true, true, List.of(), List.of(), List.of(), null, false, false);
        RunService.OneOff c = svc.create(r);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        svc.runAttached(c, Stdio.of(new ByteArrayInputStream("input\n".getBytes(StandardCharsets.UTF_8)), out,
                new ByteArrayOutputStream()), () -> { });
        assertEquals("err-line\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(p.fake.stdinReceived().contains(c.name() + ": input\n"), p.fake.stdinReceived().toString());
        assertTrue(p.fake.inspectContainer(c.id()).config().stdinOpen());
    }

    @Test
    void detachedRmLeavesTheRemovalToTheEngine() {
        FakeProject p = stack(STACK);
        p.fake.programForImage("tool:latest", FakeProcess.exitsWith(0));
        RunService svc = service(p);
        RunService.OneOff kept = svc.create(req().withDetach(true));
        svc.startDetached(kept);
        assertEquals(ContainerState.EXITED, p.fake.inspectContainer(kept.id()).state());
        RunService.OneOff removed = svc.create(req().withDetach(true).withRemove(true));
        svc.startDetached(removed);
        assertTrue(p.fake.findContainer(removed.id()).isEmpty());
    }

    @Test
    void unhealthyDependencyFailsNamingItAndCreatesNoOneOff() {
        FakeProject p = stack("""
                services:
                  db:
                    image: busybox:latest
                    healthcheck: {test: ["CMD", "true"], interval: 1s}
                  web:
                    image: tool:latest
                    depends_on:
                      db: {condition: service_healthy}
                """);
        p.fake.program("demo-db-1", FakeProcess.SERVICE.withHealth(HealthStatus.STARTING, HealthStatus.UNHEALTHY));
        ComposeException e = assertThrows(ComposeException.class, () -> service(p).create(req("true")));
        assertTrue(e.getMessage().contains("demo-db-1 is unhealthy"), e.getMessage());
        assertEquals(List.of("demo-db-1"), p.containers());
    }

    @Test
    void unknownServiceAndBadLabelAreUsageErrors() {
        FakeProject p = stack(STACK);
        ComposeException unknown = assertThrows(ComposeException.class,
                () -> service(p).create(RunRequest.of("nope", List.of())));
        assertEquals(ComposeException.Kind.USAGE, unknown.kind());
        RunRequest badLabel = new RunRequest("web", List.of(), false, false, null, List.of(), List.of("novalue"),
                List.of(), false, false, null, null, null, false, false, false, List.of(), List.of(), List.of(), null,
                false, false);
        ComposeException e = assertThrows(ComposeException.class, () -> service(p).create(badLabel));
        assertEquals("label must be set as KEY=VALUE", e.getMessage());
        assertTrue(p.containers().isEmpty());
    }
}
