package dev.jcompose.engine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerSpec.Device;
import dev.jcompose.engine.ContainerSpec.HealthcheckSpec;
import dev.jcompose.engine.ContainerSpec.LogConfig;
import dev.jcompose.engine.ContainerSpec.MountSpec;
import dev.jcompose.engine.ContainerSpec.PortBinding;
import dev.jcompose.engine.ContainerSpec.Resources;
import dev.jcompose.engine.ContainerSpec.RestartPolicy;
import dev.jcompose.engine.ContainerSpec.Ulimit;
import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.engine.NetworkSpec;
import dev.jcompose.engine.VolumeSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request bodies compared as JSON trees with hand-written expectations from the Docker API 1.41 reference. */
class RequestBodiesTest {

    @Test
    void everyContainerFieldLandsWhereTheApiWantsIt() throws IOException {
        ContainerSpec spec = ContainerSpec.builder("demo-web-1", "example/web:1")
                .hostname("web").domainname("example.org").user("1000:1000").tty(true).stdinOpen(true)
                .env("A=1", "B").cmd("serve", "--port", "80").entrypoint(List.of())
                .labels(Map.of("com.docker.compose.service", "web", "com.docker.compose.project", "demo"))
                .workingDir("/srv").exposedPorts("443/tcp")
                .stopSignal("SIGQUIT").stopTimeout(Duration.ofSeconds(20))
                .healthcheck(new HealthcheckSpec(List.of("CMD-SHELL", "wget -q localhost"), Duration.ofSeconds(5),
                        Duration.ofSeconds(1), Duration.ofSeconds(30), null, 3))
                .mount(new MountSpec(MountSpec.Type.VOLUME, "demo_data", "/data", false, null, false, true, null, null))
                .mount(MountSpec.volume(null, "/cache", false))
                .mount(new MountSpec(MountSpec.Type.BIND, "/etc/app.conf", "/app.conf", true, null, false, false, null,
                        null))
                .mount(new MountSpec(MountSpec.Type.BIND, "/home/me/src", "/src", true, "rslave", true, false, null,
                        null))
                .mount(new MountSpec(MountSpec.Type.TMPFS, null, "/run", false, null, false, false, 65536L, 0700))
                .portBinding(new PortBinding("127.0.0.1", "8080", 80, "tcp"))
                .portBinding(new PortBinding(null, null, 80, null))
                .portBinding(new PortBinding("", "5353", 53, "udp"))
                .network(new EndpointSpec("demo_front", List.of("web", "www"), "172.30.0.10", null))
                .network(EndpointSpec.of("demo_back", "web"))
                .restartPolicy(new RestartPolicy("on-failure", 5)).init(true)
                .capAdd("NET_ADMIN").capDrop("ALL").privileged(true).readOnly(true)
                .tmpfs(Map.of("/tmp", "size=64m")).extraHosts("db:10.0.0.5").dns("1.1.1.1")
                .dnsSearch("example.org").dnsOptions("ndots:2")
                .ulimits(Map.of("nproc", new Ulimit(64, 64), "nofile", new Ulimit(1024, 2048)))
                .sysctls(Map.of("net.core.somaxconn", "1024"))
                .resources(new Resources(256L << 20, 128L << 20, null, 1.5, 512L, 100L, 64L << 20))
                .logConfig(new LogConfig("local", Map.of("max-size", "10m")))
                .securityOpt("no-new-privileges:true").groupAdd("audio")
                .devices(List.of(new Device("/dev/fuse", null, null)))
                .build();
        JsonNode expected = ResponseParsingTest.sample("create-container.expected.json");
        assertJson(expected, RequestBodies.createContainer(spec));
    }

    @Test
    void aMinimalSpecLeavesDefaultsToTheEngine() {
        JsonNode body = RequestBodies.createContainer(ContainerSpec.builder("x", "busybox").build());
        assertJson(Json.parse("""
                {"AttachStdin": false, "AttachStdout": true, "AttachStderr": true, "Image": "busybox",
                 "HostConfig": {}}
                """), body);
        assertFalse(body.has("Cmd"), "no Cmd means: the image's");
    }

    @Test
    void networkModeExcludesNetworks() {
        JsonNode body = RequestBodies.createContainer(ContainerSpec.builder("x", "busybox").networkMode("host")
                .build());
        assertEquals("host", body.path("HostConfig").path("NetworkMode").asText());
        assertFalse(body.has("NetworkingConfig"));
    }

    @Test
    void connectCarriesAliasesAndFixedAddresses() {
        assertJson(Json.parse("""
                {"Container": "abc", "EndpointConfig": {"Aliases": ["db"],
                 "IPAMConfig": {"IPv4Address": "10.1.0.5", "IPv6Address": "fd00::5"}}}
                """), RequestBodies.connect("abc", new EndpointSpec("net", List.of("db"), "10.1.0.5", "fd00::5")));
        assertJson(Json.parse("{\"Container\": \"abc\", \"EndpointConfig\": {}}"),
                RequestBodies.connect("abc", EndpointSpec.of("net")));
    }

    @Test
    void networkBodyAsksForDuplicateChecking() {
        NetworkSpec spec = new NetworkSpec("demo_back", null, Map.of("com.docker.compose.network", "back"), true,
                true, false, new NetworkSpec.Ipam(null, List.of(new NetworkSpec.Pool("10.5.0.0/16", "10.5.1.0/24",
                        "10.5.0.254", Map.of("host1", "10.5.0.2"))), null), Map.of("com.docker.network.mtu", "1400"));
        assertJson(Json.parse("""
                {"Name": "demo_back", "CheckDuplicate": true, "Internal": true, "Attachable": true,
                 "IPAM": {"Config": [{"Subnet": "10.5.0.0/16", "IPRange": "10.5.1.0/24", "Gateway": "10.5.0.254",
                                      "AuxiliaryAddresses": {"host1": "10.5.0.2"}}]},
                 "Options": {"com.docker.network.mtu": "1400"},
                 "Labels": {"com.docker.compose.network": "back"}}
                """), RequestBodies.createNetwork(spec));
    }

    @Test
    void volumeBody() {
        assertJson(Json.parse("""
                {"Name": "demo_data", "Driver": "local", "DriverOpts": {"type": "tmpfs", "device": "tmpfs"},
                 "Labels": {"com.docker.compose.volume": "data"}}
                """), RequestBodies.createVolume(new VolumeSpec("demo_data", "local",
                Map.of("com.docker.compose.volume", "data"), Map.of("device", "tmpfs", "type", "tmpfs"))));
        assertJson(Json.parse("{}"), RequestBodies.createVolume(new VolumeSpec(null, null, null, null)));
    }

    /** Tree equality after a round trip through text, so 20 as int and 20 as long compare equal. */
    private static void assertJson(JsonNode expected, JsonNode actual) {
        assertEquals(expected, Json.parse(actual.toString()));
    }
}
