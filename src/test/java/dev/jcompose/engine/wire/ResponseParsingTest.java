package dev.jcompose.engine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerSpec.HealthcheckSpec;
import dev.jcompose.engine.ContainerSpec.RestartPolicy;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.NetworkInfo;
import dev.jcompose.engine.PublishedPort;
import dev.jcompose.engine.VolumeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Responses captured from dockerd 20.10 (API 1.41) for resources made by `docker create ... jct-sample`. */
class ResponseParsingTest {

    static JsonNode sample(String name) throws IOException {
        try (InputStream in = ResponseParsingTest.class.getResourceAsStream(name)) {
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void containerInspect() throws IOException {
        ContainerInfo info = ContainerJson.info(sample("container-inspect.json"));
        assertEquals("43333177f0f7c6433875e0b31a18b84961eca4195ea27a90513f6d09a77fe662", info.id());
        assertEquals("43333177f0f7", info.shortId());
        assertEquals("jct-sample", info.name());
        assertEquals("jcompose/busybox", info.image());
        assertEquals("sha256:3f4e7357678e610511bd547caba47e1c0da6979c3c8e63cb71afc0343cde7512", info.imageId());
        assertEquals(Instant.parse("2026-11-22T00:55:13.404543196Z"), info.created());

        ContainerInfo.Status status = info.status();
        assertEquals(ContainerState.RUNNING, status.state());
        assertTrue(status.running());
        assertEquals(4391, status.pid());
        assertEquals(HealthStatus.HEALTHY, status.health());
        assertEquals(Instant.parse("2026-11-22T00:55:13.976490889Z"), status.startedAt());
        assertNull(status.finishedAt(), "Go's zero time means never");

        ContainerInfo.Config config = info.config();
        assertEquals("nobody", config.user());
        assertEquals("/tmp", config.workingDir());
        assertEquals("SIGINT", config.stopSignal());
        assertEquals(3, config.stopTimeout());
        assertEquals(List.of("A=1", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), config.env());
        assertEquals(List.of("sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"), config.cmd());
        assertEquals(List.of(), config.entrypoint());
        assertEquals(List.of("80/tcp", "81/tcp", "8443/tcp"), config.exposedPorts());
        assertEquals("x", config.labels().get("com.example"));
        assertEquals(List.of("CMD-SHELL", "true"), config.healthcheck().test());
        assertEquals(Duration.ofSeconds(1), config.healthcheck().interval());
        assertNull(config.healthcheck().timeout());
        assertEquals(1, config.healthcheck().retries());

        assertEquals(new RestartPolicy("on-failure", 2), info.restartPolicy());
        assertEquals("jct-sample-net", info.networkMode());
        ContainerInfo.Attachment net = info.networks().get("jct-sample-net");
        assertEquals(List.of("web", "43333177f0f7"), net.aliases());
        assertEquals("10.213.214.7", net.ipv4Address());
        assertEquals("02:42:0a:d5:d6:07", net.macAddress());
        assertEquals("10.213.214.1", net.gateway());
        assertEquals("8e29290534c49c31a845ab48959258cd2377327126c0747f6d03b446220a5514", net.networkId());

        assertEquals(List.of(new ContainerInfo.MountPoint("volume", "jct-sample-vol",
                "/var/lib/docker/volumes/jct-sample-vol/_data", "/data", true),
                new ContainerInfo.MountPoint("bind", "", "/tmp", "/host", false)), info.mounts());
        assertEquals(List.of(new PublishedPort("127.0.0.1", 18080, 80, "tcp"),
                new PublishedPort("0.0.0.0", 32768, 81, "tcp"), new PublishedPort("::", 32768, 81, "tcp"),
                new PublishedPort("", 0, 8443, "tcp")), info.ports());
    }

    @Test
    void containerList() throws IOException {
        JsonNode list = sample("container-list.json");
        assertEquals(1, list.size());
        ContainerSummary row = ContainerJson.summary(list.get(0));
        assertEquals("jct-sample", row.name());
        assertEquals(ContainerState.RUNNING, row.state());
        assertTrue(row.status().startsWith("Up"), row.status());
        assertEquals(List.of("jct-sample-net"), row.networks());
        assertEquals("1", row.labels().get("dev.jcompose.test"));
        assertTrue(row.ports().contains(new PublishedPort("127.0.0.1", 18080, 80, "tcp")), row.ports().toString());
        assertEquals("sh -c 'trap 'exit 0' TERM; sleep 600 & wait'", row.command());
    }

    @Test
    void network() throws IOException {
        NetworkInfo n = ObjectJson.network(sample("network-inspect.json"));
        assertEquals("jct-sample-net", n.name());
        assertEquals("bridge", n.driver());
        assertEquals("local", n.scope());
        assertEquals("default", n.ipam().driver());
        assertEquals("10.213.214.0/24", n.ipam().pools().getFirst().subnet());
        assertNull(n.ipam().pools().getFirst().gateway());
        assertFalse(n.internal());
        NetworkInfo.Member member = n.containers().get(
                "43333177f0f7c6433875e0b31a18b84961eca4195ea27a90513f6d09a77fe662");
        assertEquals(new NetworkInfo.Member("jct-sample", "10.213.214.7/24", "02:42:0a:d5:d6:07"), member);
    }

    @Test
    void volume() throws IOException {
        VolumeInfo v = ObjectJson.volume(sample("volume-inspect.json"));
        assertEquals(new VolumeInfo("jct-sample-vol", "local", "/var/lib/docker/volumes/jct-sample-vol/_data",
                Map.of("dev.jcompose.test", "1"), Map.of(), "local",
                Instant.parse("2026-11-22T00:55:13Z")), v);
    }

    @Test
    void image() throws IOException {
        ImageInfo image = ObjectJson.image(sample("image-inspect.json"));
        assertEquals(List.of("jcompose/busybox:latest"), image.repoTags());
        assertEquals(List.of(), image.repoDigests());
        assertEquals("linux", image.os());
        assertEquals(List.of("sh"), image.config().cmd());
        assertEquals("busybox", image.config().labels().get("dev.jcompose.image"));
        assertNull(image.config().healthcheck());
        assertEquals("", image.config().stopSignal());
    }

    @Test
    void imageConfigWithEveryRuntimeDefault() {
        JsonNode config = Json.parse("""
                {"Env": ["A=1"], "Entrypoint": ["/entry"], "Cmd": null, "Volumes": {"/data": {}},
                 "ExposedPorts": {"80/tcp": {}, "53/udp": {}}, "User": "www", "WorkingDir": "/srv",
                 "StopSignal": "SIGQUIT", "Labels": null,
                 "Healthcheck": {"Test": ["CMD", "check"], "Interval": 5000000000, "Timeout": 2000000000,
                                 "StartPeriod": 1000000000, "Retries": 4}}
                """);
        var parsed = ObjectJson.imageConfig(config);
        assertEquals(List.of("/entry"), parsed.entrypoint());
        assertEquals(List.of(), parsed.cmd());
        assertEquals(List.of("/data"), parsed.volumes());
        assertEquals(List.of("80/tcp", "53/udp"), parsed.exposedPorts());
        assertEquals("SIGQUIT", parsed.stopSignal());
        assertEquals("www", parsed.user());
        assertEquals("/srv", parsed.workingDir());
        assertEquals(Map.of(), parsed.labels());
        assertEquals(new HealthcheckSpec(List.of("CMD", "check"),
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1), null, 4), parsed.healthcheck());
    }
}
