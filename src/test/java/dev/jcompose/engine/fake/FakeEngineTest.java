package dev.jcompose.engine.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerSpec.RestartPolicy;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.engine.EngineEvent;
import dev.jcompose.engine.EventFilter;
import dev.jcompose.engine.ExecResult;
import dev.jcompose.engine.ExecSpec;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.NetworkSpec;
import dev.jcompose.engine.Subscription;
import dev.jcompose.error.ComposeException;
import dev.jcompose.error.ComposeException.Kind;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour specific to the fake: its process model, scripting hooks, determinism and thread safety. */
class FakeEngineTest {
    private static final ImageConfig APP = new ImageConfig(null, null, List.of("serve"), null, null, null, null,
            null, null, null);
    private FakeEngine fake;

    @BeforeEach
    void setUp() {
        fake = new FakeEngine();
        fake.addImage("app:1", APP);
    }

    private String run(String name, RestartPolicy restart) {
        String id = fake.createContainer(ContainerSpec.builder(name, "app:1").restartPolicy(restart).build());
        fake.startContainer(id);
        return id;
    }

    private static Kind kindOf(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(ComposeException.class, call).kind();
    }

    @Test
    void idsAreDeterministicPerEngine() {
        FakeEngine other = new FakeEngine();
        other.addImage("app:1", APP);
        assertEquals(fake.createContainer(ContainerSpec.builder("aa", "app:1").build()),
                other.createContainer(ContainerSpec.builder("aa", "app:1").build()));
    }

    @Test
    void onFailureRestartsUpToTheLimit() {
        fake.program("flaky", FakeProcess.exitsWith(1));
        String id = run("flaky", new RestartPolicy("on-failure", 2));
        var info = fake.inspectContainer(id);
        assertEquals(ContainerState.EXITED, info.state());
        assertEquals(2, info.restartCount());
        assertEquals(1, info.status().exitCode());
    }

    @Test
    void aOneShotUnderAlwaysShowsACrashLoop() {
        fake.program("loop", FakeProcess.exitsWith(2));
        String id = run("loop", new RestartPolicy("always", 0));
        assertEquals(ContainerState.RESTARTING, fake.inspectContainer(id).state());
        assertEquals(1, fake.inspectContainer(id).restartCount());
    }

    @Test
    void aCrashedServiceComesBackUnderAlwaysButNotAfterAStop() {
        String id = run("svc", new RestartPolicy("always", 0));
        fake.exit(id, 1);
        assertEquals(ContainerState.RUNNING, fake.inspectContainer(id).state());
        assertEquals(1, fake.inspectContainer(id).restartCount());
        fake.stopContainer(id, null);
        assertEquals(ContainerState.EXITED, fake.inspectContainer(id).state());
    }

    @Test
    void waitBlocksUntilTheProcessEnds() throws Exception {
        String id = run("svc", null);
        var waiter = Executors.newVirtualThreadPerTaskExecutor();
        Future<Integer> code = waiter.submit(() -> fake.waitContainer(id));
        Thread.sleep(50);
        assertTrue(!code.isDone(), "wait returned while running");
        fake.exit(id, 42);
        assertEquals(42, code.get());
        waiter.shutdown();
    }

    @Test
    void signalsDecideTheExitCode() {
        fake.addImage("quitter", new ImageConfig(null, null, null, null, null, "SIGQUIT", null, null, null, null));
        String quitter = fake.createContainer(ContainerSpec.builder("quitter", "quitter").build());
        fake.startContainer(quitter);
        fake.killContainer(quitter, "SIGQUIT");
        assertEquals(0, fake.inspectContainer(quitter).status().exitCode(), "the stop signal is handled");
        String hup = run("hup", null);
        fake.killContainer(hup, "HUP");
        assertEquals(129, fake.inspectContainer(hup).status().exitCode());
        assertEquals(Kind.ENGINE, kindOf(() -> fake.killContainer(run("nope", null), "SIGNOPE")));
        EngineEvent kill = fake.eventHistory().stream().filter(e -> e.action().equals("kill")
                && e.actorId().equals(quitter)).findFirst().orElseThrow();
        assertEquals("3", kill.attributes().get("signal"));
    }

    @Test
    void healthFollowsTheScriptAndEmitsEvents() {
        fake.program("checked", FakeProcess.SERVICE.withHealth(HealthStatus.STARTING, HealthStatus.UNHEALTHY,
                HealthStatus.HEALTHY));
        String id = fake.createContainer(ContainerSpec.builder("checked", "app:1").healthcheck(
                new ContainerSpec.HealthcheckSpec(List.of("CMD", "true"), null, null, null, null, null)).build());
        fake.startContainer(id);
        List<HealthStatus> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(fake.inspectContainer(id).status().health());
        }
        assertEquals(List.of(HealthStatus.STARTING, HealthStatus.UNHEALTHY, HealthStatus.HEALTHY,
                HealthStatus.HEALTHY), seen);
        assertEquals(List.of("health_status: unhealthy", "health_status: healthy"), fake.eventHistory().stream()
                .map(EngineEvent::action).filter(a -> a.startsWith("health")).toList());
        fake.setHealth(id, HealthStatus.UNHEALTHY);
        assertEquals("Up (unhealthy)", fake.listContainers(List.of(), false).getFirst().status());
        String plain = run("plain", null);
        assertEquals(HealthStatus.NONE, fake.inspectContainer(plain).status().health());
    }

    @Test
    void pullServesOnlyScriptedImages() {
        fake.addPullableImage("docker.io/library/redis:7", new ImageConfig(null, null, List.of("redis-server"),
                null, null, null, null, null, null, null));
        List<String> progress = new ArrayList<>();
        fake.pullImage("redis:7", progress::add);
        assertEquals(List.of("redis:7"), fake.inspectImage("redis:7").repoTags());
        assertTrue(!progress.isEmpty());
        ComposeException e = assertThrows(ComposeException.class, () -> fake.pullImage("nope", s -> { }));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("pull access denied for nope"), e.getMessage());
    }

    @Test
    void loadsADockerSaveArchive() {
        byte[] tar = TarBuilder.of()
                .file("manifest.json", "[{\"Config\":\"abc.json\",\"RepoTags\":[\"x/y:1\",\"x/y:latest\"],"
                        + "\"Layers\":[\"l/layer.tar\"]}]")
                .file("abc.json", "{\"config\":{\"Cmd\":[\"run\"],\"StopSignal\":\"SIGINT\"}}")
                .file("l/layer.tar", "not read").build();
        fake.loadImage(new ByteArrayInputStream(tar));
        assertEquals(List.of("run"), fake.inspectImage("x/y:1").config().cmd());
        assertEquals("SIGINT", fake.inspectImage("x/y").config().stopSignal());
        assertEquals(Kind.ENGINE, kindOf(() -> fake.loadImage(new ByteArrayInputStream(
                TarBuilder.of().file("other", "x").build()))));
    }

    @Test
    void namesFollowDockersPattern() {
        assertEquals(Kind.ENGINE, kindOf(() -> fake.createContainer(ContainerSpec.builder("x", "app:1").build())));
        assertEquals(Kind.ENGINE, kindOf(() -> fake.createContainer(ContainerSpec.builder("-x", "app:1").build())));
        assertTrue(fake.createContainer(ContainerSpec.builder(null, "app:1").build()).length() == 64);
    }

    @Test
    void imagesInUseNeedForce() {
        fake.createContainer(ContainerSpec.builder("user", "app:1").build());
        assertEquals(Kind.CONFLICT, kindOf(() -> fake.removeImage("app:1", false)));
        fake.removeImage("app:1", true);
        assertEquals(Kind.NOT_FOUND, kindOf(() -> fake.inspectImage("app:1")));
    }

    @Test
    void imageVolumesBecomeAnonymousVolumes() {
        fake.addImage("db", new ImageConfig(null, null, null, List.of("/var/lib/db"), null, null, null, null, null,
                null));
        String id = fake.createContainer(ContainerSpec.builder("db", "db").build());
        String volume = fake.inspectContainer(id).mounts().getFirst().name();
        assertEquals(64, volume.length());
        fake.removeContainer(id, false, true);
        assertEquals(Kind.NOT_FOUND, kindOf(() -> fake.inspectVolume(volume)));
    }

    @Test
    void fixedAddressesFollowDockersRules() {
        fake.createNetwork(NetworkSpec.of("auto", null));
        fake.createNetwork(new NetworkSpec("fixed", null, null, false, false, false,
                new NetworkSpec.Ipam(null, List.of(NetworkSpec.Pool.subnet("10.9.0.0/24")), null), null));
        assertEquals(Kind.ENGINE, kindOf(() -> fake.createContainer(ContainerSpec.builder("aa", "app:1")
                .network(new EndpointSpec("auto", null, "172.18.0.9", null)).build())));
        assertEquals(Kind.ENGINE, kindOf(() -> fake.createContainer(ContainerSpec.builder("bb", "app:1")
                .network(new EndpointSpec("fixed", null, "10.10.0.9", null)).build())));
        ContainerSpec twin = ContainerSpec.builder("cc", "app:1")
                .network(new EndpointSpec("fixed", null, "10.9.0.9", null)).build();
        fake.startContainer(fake.createContainer(twin));
        String second = fake.createContainer(twin.toBuilder().name("dd").build());
        assertEquals(Kind.CONFLICT, kindOf(() -> fake.startContainer(second)));
        assertEquals(Kind.CONFLICT, kindOf(() -> fake.createNetwork(new NetworkSpec("overlap", null, null, false,
                false, false, new NetworkSpec.Ipam(null, List.of(NetworkSpec.Pool.subnet("10.9.0.128/25")), null),
                null))));
    }

    @Test
    void concurrentCreatesGetUniqueIdsAndOneWinnerPerName() throws Exception {
        int threads = 64;
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < threads; i++) {
                int n = i;
                pool.submit(() -> {
                    go.await();
                    ids.add(fake.createContainer(ContainerSpec.builder("unique-" + n, "app:1").build()));
                    try {
                        fake.createContainer(ContainerSpec.builder("shared", "app:1").build());
                    } catch (ComposeException e) {
                        conflicts.incrementAndGet();
                    }
                    return null;
                });
            }
            go.countDown();
        }
        assertEquals(threads, ids.size());
        assertEquals(threads - 1, conflicts.get());
        assertEquals(threads + 1, fake.listContainers(List.of(), true).size());
    }

    @Test
    void appendedLogLinesReachAFollower() throws Exception {
        String id = run("talker", null);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch two = new CountDownLatch(2);
        try (Subscription logs = fake.logs(id, LogOptions.FOLLOW, f -> {
            lines.add(f.text());
            two.countDown();
        })) {
            fake.appendLog(id, LogFrame.Stream.STDOUT, "one");
            fake.appendLog(id, LogFrame.Stream.STDERR, "two\n");
            assertTrue(two.await(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("one\n", "two\n"), lines);
        assertEquals(List.of("two\n"), fake.readLogs(id, LogOptions.ALL.withTail(1)).stream()
                .map(LogFrame::text).toList());
    }

    @Test
    void eventsSinceReplayAndUntilInThePastEnds() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String id = run("svc", null);
        List<String> actions = Collections.synchronizedList(new ArrayList<>());
        try (Subscription s = fake.events(new EventFilter(Set.of("container"), List.of(), before, Instant.now()),
                e -> actions.add(e.action()))) {
            assertTrue(s.awaitCompletion(Duration.ofSeconds(5)), "until in the past ends the stream");
        }
        assertEquals(List.of("create", "start"), actions);
        fake.removeContainer(id, true, false);
    }

    @Test
    void execSeesTheContainerAndIsRecorded() {
        String id = run("svc", null);
        fake.onExec((container, spec) -> new ExecResult(container.name().length(), String.join(" ", spec.cmd()), ""));
        assertEquals(new ExecResult(3, "echo hi", ""), fake.exec(id, ExecSpec.of("echo", "hi")));
        assertTrue(fake.eventHistory().stream().anyMatch(e -> e.action().equals("exec_die")
                && e.attributes().get("exitCode").equals("3")));
    }
}
