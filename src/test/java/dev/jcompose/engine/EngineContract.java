package dev.jcompose.engine;

import static dev.jcompose.engine.EngineFixture.BUSYBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.error.ComposeException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Engine contract: one suite, run by every implementation (FakeEngineContractTest,
 * DockerEngineContractTest, later the embedded engine). Containers are in {@link EngineContainerContract};
 * networks, volumes, images and events here.
 */
public abstract class EngineContract extends EngineContainerContract {

    @Test
    void networksCreateListInspectAndRemove() {
        String name = fx.name("net");
        String id = engine.createNetwork(fx.network(name));
        NetworkInfo info = engine.inspectNetwork(name);
        assertEquals(id, info.id());
        assertEquals(name, info.name());
        assertEquals("bridge", info.driver());
        assertEquals(fx.run(), info.labels().get(EngineFixture.RUN_LABEL));
        assertEquals(List.of(id), engine.listNetworks(List.of(fx.runFilter())).stream().map(NetworkInfo::id).toList());
        failsWith(Kind.CONFLICT, () -> engine.createNetwork(fx.network(name)));
        engine.removeNetwork(name);
        failsWith(Kind.NOT_FOUND, () -> engine.inspectNetwork(name));
    }

    @Test
    void containersJoinNetworksWithAliasesAndAddresses() {
        String fixedNet = fx.name("fixed");
        String plainNet = fx.name("plain");
        engine.createNetwork(new NetworkSpec(fixedNet, null, fx.labels(), false, false, false,
                new NetworkSpec.Ipam(null, List.of(NetworkSpec.Pool.subnet("10.213.213.0/24")), null), null));
        engine.createNetwork(fx.network(plainNet));
        String name = fx.name("member");
        String id = engine.createContainer(fx.container(name, SERVICE)
                .network(new EndpointSpec(fixedNet, List.of("alpha"), "10.213.213.10", null))
                .network(EndpointSpec.of(plainNet, "beta", "gamma")).build());

        ContainerInfo created = engine.inspectContainer(id);
        assertEquals(Set.of(fixedNet, plainNet), created.networks().keySet());
        assertTrue(created.networks().get(fixedNet).aliases().contains("alpha"));
        assertTrue(created.networks().get(plainNet).aliases().containsAll(List.of("beta", "gamma")));

        engine.startContainer(id);
        ContainerInfo running = engine.inspectContainer(id);
        assertEquals("10.213.213.10", running.networks().get(fixedNet).ipv4Address());
        assertFalse(running.networks().get(plainNet).ipv4Address().isEmpty());
        NetworkInfo plain = engine.inspectNetwork(plainNet);
        assertTrue(plain.containers().containsKey(id), plain.containers().toString());
        failsWith(Kind.CONFLICT, () -> engine.removeNetwork(plainNet));

        engine.disconnectNetwork(plainNet, id, false);
        assertFalse(engine.inspectContainer(id).networks().containsKey(plainNet));
        engine.connectNetwork(id, EndpointSpec.of(plainNet, "delta"));
        assertTrue(engine.inspectContainer(id).networks().get(plainNet).aliases().contains("delta"));
    }

    @Test
    void aMissingNetworkIsOnlyRefusedAtStart() {
        String missing = fx.name("gone");
        String id = engine.createContainer(fx.container(fx.name("orphan"), SERVICE)
                .network(EndpointSpec.of(missing)).build());
        var e = failsWith(Kind.NOT_FOUND, () -> engine.startContainer(id));
        assertEquals("network " + missing + " not found", e.getMessage());
    }

    @Test
    void containersResolveEachOtherByAlias() throws InterruptedException {
        assumeTrue(realNetworking(), "needs an engine that runs real containers");
        String net = fx.name("dns");
        engine.createNetwork(fx.network(net));
        String server = engine.createContainer(fx.container(fx.name("server"), SERVICE)
                .network(EndpointSpec.of(net, "alpha-svc")).build());
        String client = engine.createContainer(fx.container(fx.name("client"), SERVICE)
                .network(EndpointSpec.of(net)).build());
        engine.startContainer(server);
        engine.startContainer(client);
        String serverIp = engine.inspectContainer(server).networks().get(net).ipv4Address();

        ExecResult lookup = engine.exec(client, ExecSpec.of("nslookup", "alpha-svc"));
        assertEquals(0, lookup.exitCode(), lookup.toString());
        assertTrue(lookup.stdout().contains(serverIp), lookup.stdout());
        ExecResult ping = engine.exec(client, ExecSpec.of("ping", "-c1", "-W5", "alpha-svc"));
        assertEquals(0, ping.exitCode(), ping.toString());
    }

    @Test
    void volumesCreateListAndRemoveOnlyWhenUnused() {
        String name = fx.name("vol");
        VolumeInfo created = engine.createVolume(VolumeSpec.of(name, fx.labels()));
        assertEquals(name, created.name());
        assertEquals("local", created.driver());
        assertEquals(created, engine.createVolume(VolumeSpec.of(name, fx.labels())), "create is idempotent");
        assertEquals(created, engine.inspectVolume(name));
        assertEquals(List.of(name), engine.listVolumes(List.of(fx.runFilter())).stream().map(VolumeInfo::name).toList());

        String user = engine.createContainer(fx.container(fx.name("user"), SERVICE)
                .mount(ContainerSpec.MountSpec.volume(name, "/data", false)).build());
        ContainerInfo.MountPoint mount = engine.inspectContainer(user).mounts().getFirst();
        assertEquals(name, mount.name());
        assertEquals("/data", mount.destination());
        failsWith(Kind.CONFLICT, () -> engine.removeVolume(name, false));
        engine.removeContainer(user, true, true);
        assertEquals(name, engine.inspectVolume(name).name(), "rm -v keeps named volumes");
        engine.removeVolume(name, false);
        failsWith(Kind.NOT_FOUND, () -> engine.inspectVolume(name));
    }

    @Test
    void imagesInspectTagAndUntag() {
        ImageInfo busybox = engine.inspectImage(BUSYBOX);
        assertTrue(busybox.id().startsWith("sha256:"), busybox.id());
        assertTrue(busybox.repoTags().contains(BUSYBOX), busybox.repoTags().toString());
        assertEquals(List.of("sh"), busybox.config().cmd());
        assertTrue(busybox.config().env().stream().anyMatch(e -> e.startsWith("PATH=")), busybox.config().env()
                .toString());
        assertEquals("busybox", busybox.config().labels().get("dev.jcompose.image"));

        String alias = "jct-" + fx.run() + "/bb:one";
        engine.tagImage(BUSYBOX, alias);
        assertEquals(busybox.id(), engine.inspectImage(alias).id());
        assertTrue(engine.listImages("jct-" + fx.run() + "/*").stream().anyMatch(i -> i.repoTags().contains(alias)));
        engine.removeImage(alias, false);
        failsWith(Kind.NOT_FOUND, () -> engine.inspectImage(alias));
        assertEquals(busybox.id(), engine.inspectImage(BUSYBOX).id(), "untagging keeps the image");
    }

    /** A registry domain ("127.0.0.1:port") this engine can push to and pull from, or null (push untested). */
    protected String pushRegistry() {
        return null;
    }

    @Test
    void pushingAnImageThatIsNotHereIsNotFound() {
        failsWith(Kind.NOT_FOUND, () -> engine.pushImage("127.0.0.1:9/jct-" + fx.run() + "/absent:v1", line -> { }));
    }

    @Test
    void pushedImagesPullBackWithTheSameId() {
        String registry = pushRegistry();
        org.junit.jupiter.api.Assumptions.assumeTrue(registry != null, "no registry for this engine");
        String ref = registry + "/jct-" + fx.run() + "/bb:pushed";
        ImageInfo busybox = engine.inspectImage(BUSYBOX);
        engine.tagImage(BUSYBOX, ref);
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            engine.pushImage(ref, progress::add);
            assertFalse(progress.isEmpty(), "push progress reported");
        } finally {
            engine.removeImage(ref, false);
        }
        failsWith(Kind.NOT_FOUND, () -> engine.inspectImage(ref));
        engine.pullImage(ref, line -> { });
        try {
            assertEquals(busybox.id(), engine.inspectImage(ref).id(), "the registry gave back the pushed image");
        } finally {
            engine.removeImage(ref, false);
        }
    }

    @Test
    void eventsReportTheLifecycleInOrder() throws InterruptedException {
        List<EngineEvent> seen = Collections.synchronizedList(new ArrayList<>());
        String name = fx.name("events");
        // Docker may register the listener after answering; a `since` in the past replays what it missed.
        Instant since = Instant.now().minusSeconds(2);
        try (Subscription events = engine.events(new EventFilter(Set.of("container"), List.of(fx.runFilter()),
                since, null), seen::add)) {
            String id = engine.createContainer(fx.container(name, SERVICE).build());
            engine.startContainer(id);
            engine.stopContainer(id, Duration.ofSeconds(10));
            engine.removeContainer(id, false, false);
            assertTrue(EngineFixture.eventually(PATIENCE, () -> actions(seen).contains("destroy")), actions(seen)
                    .toString());
            assertFalse(events.awaitCompletion(Duration.ofMillis(10)), "an event stream runs until closed");
        }
        List<String> lifecycle = actions(seen).stream()
                .filter(a -> List.of("create", "start", "die", "stop", "destroy").contains(a)).toList();
        assertEquals(List.of("create", "start", "die", "stop", "destroy"), lifecycle);
        EngineEvent die = seen.stream().filter(e -> e.action().equals("die")).findFirst().orElseThrow();
        assertEquals(name, die.actorName());
        assertEquals("0", die.attributes().get("exitCode"));
        assertEquals(fx.run(), die.attributes().get(EngineFixture.RUN_LABEL));
        seen.forEach(e -> assertEquals("container", e.type()));
    }

    private static List<String> actions(List<EngineEvent> events) {
        synchronized (events) {
            return events.stream().map(EngineEvent::action).toList();
        }
    }
}
