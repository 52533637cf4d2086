package dev.jcompose.engine;

import static dev.jcompose.engine.EngineFixture.BUSYBOX;
import static dev.jcompose.engine.EngineFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerSpec.HealthcheckSpec;
import dev.jcompose.engine.ContainerSpec.MountSpec;
import dev.jcompose.engine.ContainerSpec.PortBinding;
import dev.jcompose.engine.fake.FakeProcess;
import dev.jcompose.error.ComposeException;
import dev.jcompose.error.ComposeException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container half of {@link EngineContract}, with the hooks implementations fill in. Commands are real
 * busybox commands; for engines that run no programs (the fake), {@link #script} says what a command does.
 */
public abstract class EngineContainerContract extends EngineContractBase {
    /** Whether containers really talk to each other (DNS, ping): only real engines. */
    protected abstract boolean realNetworking();

    @Test
    void answersPingAndVersion() {
        engine.ping();
        EngineInfo info = engine.info();
        assertEquals("1.41", info.apiVersion());
        assertFalse(info.serverVersion().isEmpty());
    }

    @Test
    void containerLifecycleCreateStartStopRemove() {
        String name = fx.name("life");
        String id = engine.createContainer(fx.container(name, SERVICE).env("GREETING=hi").label("extra", "x")
                .workingDir("/tmp").build());
        assertEquals(64, id.length());
        ContainerInfo created = engine.inspectContainer(name);
        assertEquals(id, created.id());
        assertEquals(name, created.name());
        assertEquals(ContainerState.CREATED, created.state());
        assertEquals("x", created.config().labels().get("extra"));
        assertTrue(created.config().env().contains("GREETING=hi"));
        assertEquals("/tmp", created.config().workingDir());
        assertTrue(created.imageId().startsWith("sha256:"), created.imageId());
        assertEquals(created, engine.inspectContainer(id.substring(0, 12)), "lookup by short id");

        engine.startContainer(id);
        ContainerInfo running = engine.inspectContainer(id);
        assertEquals(ContainerState.RUNNING, running.state());
        assertTrue(running.status().pid() > 0);
        assertNotNull(running.status().startedAt());
        engine.startContainer(id); // starting a running container is a no-op

        engine.stopContainer(id, Duration.ofSeconds(10));
        ContainerInfo stopped = engine.inspectContainer(id);
        assertEquals(ContainerState.EXITED, stopped.state());
        assertEquals(0, stopped.status().exitCode());
        engine.stopContainer(id, Duration.ofSeconds(10)); // stopping a stopped container is a no-op

        engine.removeContainer(id, false, false);
        assertTrue(engine.findContainer(id).isEmpty());
        failsWith(Kind.NOT_FOUND, () -> engine.inspectContainer(name));
    }

    @Test
    void listsByLabelAndIncludesStoppedOnlyWhenAsked() {
        String a1 = engine.createContainer(fx.container(fx.name("a"), SERVICE).label("jct.project", "a").build());
        String a2 = engine.createContainer(fx.container(fx.name("a"), SERVICE).label("jct.project", "a").build());
        String b = engine.createContainer(fx.container(fx.name("b"), SERVICE).label("jct.project", "b").build());
        engine.startContainer(a1);

        List<String> filterA = List.of(fx.runFilter(), "jct.project=a");
        assertEquals(List.of(a1), ids(engine.listContainers(filterA, false)));
        assertEquals(sorted(List.of(a1, a2)), sorted(ids(engine.listContainers(filterA, true))));
        assertEquals(sorted(List.of(a1, a2, b)),
                sorted(ids(engine.listContainers(List.of(fx.runFilter(), "jct.project"), true))));
        ContainerSummary row = engine.listContainers(filterA, false).getFirst();
        assertEquals(ContainerState.RUNNING, row.state());
        assertEquals(BUSYBOX, row.image());
        assertEquals("a", row.labels().get("jct.project"));
        assertTrue(row.name().startsWith("jct-"), row.name());
    }

    @Test
    void listRowsCarryTheNetworksAndMountsAnInspectReports() {
        String id = engine.createContainer(fx.container(fx.name("rows"), SERVICE).label("jct.project", "rows")
                .mount(MountSpec.volume(null, "/anon", false)).build());
        engine.startContainer(id);
        ContainerInfo info = engine.inspectContainer(id);
        ContainerSummary row = engine.listContainers(List.of(fx.runFilter(), "jct.project=rows"), true).getFirst();
        assertEquals(id, row.id());
        assertEquals(info.name(), row.name());
        Map<String, String> networkIds = new java.util.LinkedHashMap<>();
        info.networks().forEach((network, attachment) -> networkIds.put(network, attachment.networkId()));
        assertFalse(networkIds.isEmpty());
        assertEquals(networkIds, row.networkIds(), "network name → id, as observing needs it");
        assertEquals(List.copyOf(networkIds.keySet()), row.networks());
        ContainerInfo.MountPoint anon = row.mounts().stream().filter(m -> m.destination().equals("/anon"))
                .findFirst().orElseThrow();
        assertEquals("volume", anon.type());
        assertEquals(info.mounts().stream().filter(m -> m.destination().equals("/anon")).findFirst().orElseThrow()
                .name(), anon.name());
        engine.removeContainer(id, true, true);
    }

    @Test
    void aNameInUseIsAConflict() {
        String name = fx.name("dup");
        engine.createContainer(fx.container(name, SERVICE).build());
        ComposeException e = failsWith(Kind.CONFLICT, () -> engine.createContainer(fx.container(name).build()));
        assertTrue(e.getMessage().contains("is already in use"), e.getMessage());
    }

    @Test
    void renameMovesTheNameAndRefusesATakenOne() {
        String first = fx.name("old");
        String second = fx.name("new");
        String taken = fx.name("taken");
        String id = engine.createContainer(fx.container(first, SERVICE).build());
        engine.createContainer(fx.container(taken, SERVICE).build());
        engine.renameContainer(id, second);
        assertEquals(id, engine.inspectContainer(second).id());
        failsWith(Kind.NOT_FOUND, () -> engine.inspectContainer(first));
        failsWith(Kind.CONFLICT, () -> engine.renameContainer(id, taken));
    }

    @Test
    void unknownObjectsAreNotFound() {
        String missing = fx.name("missing");
        failsWith(Kind.NOT_FOUND, () -> engine.inspectContainer(missing));
        failsWith(Kind.NOT_FOUND, () -> engine.startContainer(missing));
        failsWith(Kind.NOT_FOUND, () -> engine.removeContainer(missing, true, false));
        failsWith(Kind.NOT_FOUND, () -> engine.inspectNetwork(missing));
        failsWith(Kind.NOT_FOUND, () -> engine.inspectVolume(missing));
        failsWith(Kind.NOT_FOUND, () -> engine.inspectImage("jct-" + fx.run() + "/none:1"));
        failsWith(Kind.NOT_FOUND, () -> engine.createContainer(
                ContainerSpec.builder(fx.name("noimage"), "jct-" + fx.run() + "/none:1").labels(fx.labels()).build()));
    }

    @Test
    void removingARunningContainerNeedsForce() {
        String id = startService(fx.name("busy"));
        failsWith(Kind.CONFLICT, () -> engine.removeContainer(id, false, false));
        engine.removeContainer(id, true, false);
        assertTrue(engine.findContainer(id).isEmpty());
    }

    @Test
    void waitReturnsTheExitCodeAndLogsKeepBothStreams() throws InterruptedException {
        String name = fx.name("oneshot");
        script(name, FakeProcess.exitsWith(3).printing("hello").printing("world").printingToStderr("oops"));
        String id = engine.createContainer(fx.container(name, "sh", "-c",
                "echo hello; echo world; echo oops >&2; exit 3").build());
        engine.startContainer(id);
        assertEquals(3, engine.waitContainer(id));
        assertEquals(3, engine.inspectContainer(id).status().exitCode());
        assertEquals(ContainerState.EXITED, engine.inspectContainer(id).state());

        List<LogFrame> all = engine.readLogs(id, LogOptions.ALL);
        assertEquals(List.of("hello\n", "world\n"), texts(all, LogFrame.Stream.STDOUT));
        assertEquals(List.of("oops\n"), texts(all, LogFrame.Stream.STDERR));
        all.forEach(frame -> assertNotNull(frame.timestamp(), frame.toString()));
        List<LogFrame> stdoutOnly = engine.readLogs(id, new LogOptions(false, null, null, null, true, false));
        assertEquals(List.of("hello\n", "world\n"), texts(stdoutOnly, LogFrame.Stream.STDOUT));
        assertTrue(texts(stdoutOnly, LogFrame.Stream.STDERR).isEmpty());
    }

    @Test
    void waitOnANeverStartedContainerReturnsAtOnce() throws InterruptedException {
        String id = engine.createContainer(fx.container(fx.name("idle"), SERVICE).build());
        assertEquals(0, engine.waitContainer(id));
    }

    @Test
    void stopKillsAProcessThatIgnoresTheStopSignal() {
        String name = fx.name("stubborn");
        // sleep as PID 1 has no SIGTERM handler, so the kernel drops the signal.
        script(name, FakeProcess.SERVICE.ignoringStopSignal());
        String id = engine.createContainer(fx.container(name, "sleep", "600").build());
        engine.startContainer(id);
        engine.stopContainer(id, Duration.ofSeconds(1));
        assertEquals(137, engine.inspectContainer(id).status().exitCode());
    }

    @Test
    void killSendsTheSignalAndNeedsARunningContainer() throws InterruptedException {
        String id = startService(fx.name("victim"));
        engine.killContainer(id, "SIGKILL");
        assertEquals(137, engine.waitContainer(id));
        failsWith(Kind.CONFLICT, () -> engine.killContainer(id, "SIGKILL"));
    }

    @Test
    void pauseAndUnpause() {
        String id = startService(fx.name("nap"));
        engine.pauseContainer(id);
        assertEquals(ContainerState.PAUSED, engine.inspectContainer(id).state());
        engine.unpauseContainer(id);
        assertEquals(ContainerState.RUNNING, engine.inspectContainer(id).state());
    }

    @Test
    void followedLogsEndWhenTheContainerStops() throws InterruptedException {
        String name = fx.name("talker");
        script(name, FakeProcess.SERVICE.printing("ready"));
        String id = engine.createContainer(fx.container(name, "sh", "-c",
                "echo ready; trap 'exit 0' TERM; sleep 600 & wait").build());
        engine.startContainer(id);
        CountDownLatch firstLine = new CountDownLatch(1);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (Subscription logs = engine.logs(id, LogOptions.FOLLOW, frame -> {
            lines.add(frame.text());
            firstLine.countDown();
        })) {
            assertTrue(firstLine.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "no log line arrived");
            assertFalse(logs.awaitCompletion(Duration.ofMillis(300)), "follow must not end while running");
            engine.stopContainer(id, Duration.ofSeconds(10));
            assertTrue(logs.awaitCompletion(PATIENCE), "follow must end when the container stops");
        }
        assertEquals(List.of("ready\n"), lines);
    }

    @Test
    void execRunsInARunningContainerOnly() throws InterruptedException {
        String id = startService(fx.name("exec"));
        List<String> cmd = List.of("sh", "-c", "echo out; echo err >&2; exit 4");
        scriptExec(cmd, new ExecResult(4, "out\n", "err\n"));
        ExecResult result = engine.exec(id, new ExecSpec(cmd, null, null, null, false, false));
        assertEquals(new ExecResult(4, "out\n", "err\n"), result);
        engine.stopContainer(id, Duration.ofSeconds(10));
        failsWith(Kind.CONFLICT, () -> engine.exec(id, ExecSpec.of("true")));
    }

    @Test
    void specFieldsSurviveTheRoundTrip(@TempDir Path hostDir) throws Exception {
        Files.writeString(hostDir.resolve("file.txt"), "content");
        String name = fx.name("spec");
        ContainerSpec spec = fx.container(name, SERVICE).user("nobody").hostname("jct-host").workingDir("/tmp")
                .stopSignal("SIGINT").stopTimeout(Duration.ofSeconds(3))
                .restartPolicy(new ContainerSpec.RestartPolicy("on-failure", 2))
                .entrypoint(List.of()).exposedPorts("8080/tcp")
                .mount(MountSpec.bind(hostDir.toString(), "/data", true))
                .mount(MountSpec.tmpfs("/scratch", 1L << 20))
                .mount(MountSpec.volume(null, "/anon", false))
                .healthcheck(new HealthcheckSpec(List.of("CMD", "true"), Duration.ofSeconds(30), null, null, null, 3))
                .build();
        String id = engine.createContainer(spec);
        ContainerInfo info = engine.inspectContainer(id);
        assertEquals("nobody", info.config().user());
        assertEquals("jct-host", info.config().hostname());
        assertEquals("SIGINT", info.config().stopSignal());
        assertEquals(3, info.config().stopTimeout());
        assertEquals(new ContainerSpec.RestartPolicy("on-failure", 2), info.restartPolicy());
        assertEquals(List.of(SERVICE), info.config().cmd());
        assertTrue(info.config().exposedPorts().contains("8080/tcp"));
        assertEquals(List.of("CMD", "true"), info.config().healthcheck().test());
        assertEquals(Duration.ofSeconds(30), info.config().healthcheck().interval());
        assertEquals(3, info.config().healthcheck().retries());
        Map<String, ContainerInfo.MountPoint> mounts = new java.util.HashMap<>();
        info.mounts().forEach(m -> mounts.put(m.destination(), m));
        assertEquals("bind", mounts.get("/data").type());
        assertEquals(hostDir.toString(), mounts.get("/data").source());
        assertFalse(mounts.get("/data").readWrite());
        assertEquals("volume", mounts.get("/anon").type());
        assertFalse(mounts.get("/anon").name().isEmpty());
    }

    @Test
    void anonymousVolumesGoWithTheContainerWhenAsked() {
        String id = engine.createContainer(fx.container(fx.name("anon"), SERVICE)
                .mount(MountSpec.volume(null, "/anon", false)).build());
        String volume = engine.inspectContainer(id).mounts().stream().filter(m -> m.destination().equals("/anon"))
                .findFirst().orElseThrow().name();
        assertEquals(volume, engine.inspectVolume(volume).name());
        engine.removeContainer(id, true, true);
        failsWith(Kind.NOT_FOUND, () -> engine.inspectVolume(volume));
    }

    @Test
    void healthcheckReachesHealthyOrUnhealthy() throws InterruptedException {
        String good = fx.name("healthy");
        String bad = fx.name("unhealthy");
        script(bad, FakeProcess.SERVICE.withHealth(HealthStatus.STARTING, HealthStatus.UNHEALTHY));
        Duration second = Duration.ofSeconds(1);
        String goodId = engine.createContainer(fx.container(good, SERVICE)
                .healthcheck(new HealthcheckSpec(List.of("CMD", "true"), second, second, null, null, 1)).build());
        String badId = engine.createContainer(fx.container(bad, SERVICE)
                .healthcheck(new HealthcheckSpec(List.of("CMD", "false"), second, second, null, null, 1)).build());
        engine.startContainer(goodId);
        engine.startContainer(badId);
        assertTrue(eventually(PATIENCE, () -> engine.inspectContainer(goodId).status().health() == HealthStatus.HEALTHY));
        assertTrue(eventually(PATIENCE, () -> engine.inspectContainer(badId).status().health() == HealthStatus.UNHEALTHY));
    }

    @Test
    void publishedPortsGetAHostPortAndConflict() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String any = engine.createContainer(fx.container(fx.name("anyport"), SERVICE)
                .portBinding(new PortBinding("127.0.0.1", "", 80, "tcp")).build());
        String fixed = engine.createContainer(fx.container(fx.name("port"), SERVICE)
                .portBinding(new PortBinding("127.0.0.1", Integer.toString(port), 81, "tcp")).build());
        String clash = engine.createContainer(fx.container(fx.name("clash"), SERVICE)
                .portBinding(new PortBinding("127.0.0.1", Integer.toString(port), 82, "tcp")).build());
        engine.startContainer(any);
        engine.startContainer(fixed);
        PublishedPort picked = engine.inspectContainer(any).ports().getFirst();
        assertEquals(80, picked.containerPort());
        assertTrue(picked.hostPort() > 0, picked.toString());
        assertEquals(port, engine.inspectContainer(fixed).ports().getFirst().hostPort());
        failsWith(Kind.CONFLICT, () -> engine.startContainer(clash));
    }

    private static List<String> ids(List<ContainerSummary> rows) {
        return rows.stream().map(ContainerSummary::id).toList();
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    private static List<String> texts(List<LogFrame> frames, LogFrame.Stream stream) {
        return frames.stream().filter(f -> f.stream() == stream).map(LogFrame::text).toList();
    }
}
