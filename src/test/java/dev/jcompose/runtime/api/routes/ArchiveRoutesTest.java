package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.engine.DockerJson;
import dev.jcompose.runtime.testing.TarBuilder;
import dev.jcompose.runtime.testing.UnixHttp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The archive, export and top endpoints over the daemon's socket, on created, running and stopped containers. */
@Tag("root")
class ArchiveRoutesTest {
    private EmbeddedDaemon daemon;
    private UnixHttp http;

    @BeforeEach
    void start() throws Exception {
        daemon = new EmbeddedDaemon().start();
        http = new UnixHttp(daemon.config.socket());
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private String create(String name, String... cmd) {
        String body = "{\"Image\":\"" + EmbeddedDaemon.BUSYBOX + "\",\"Cmd\":" + DockerJson.array(List.of(cmd)) + "}";
        UnixHttp.Response r = http.post("/v1.41/containers/create?name=" + name, body.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.toString());
        return r.json().path("Id").asText();
    }

    private JsonNode stat(String container, String path) throws Exception {
        UnixHttp.Response r = http.send("HEAD", "/v1.41/containers/" + container + "/archive?path=" + path, Map.of(),
                null);
        assertEquals(200, r.status(), r.toString());
        String header = r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(
                "X-Docker-Container-Path-Stat")).map(Map.Entry::getValue).findFirst().orElseThrow();
        return DockerJson.MAPPER.readTree(Base64.getDecoder().decode(header));
    }

    private static List<String> names(byte[] tar) throws Exception {
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.add(e.getName());
            }
        }
        return out;
    }

    @Test
    void statGivesGoModesLinkTargetsAndDockersNotFound() throws Exception {
        create("jct-arc", "true");
        JsonNode etc = stat("jct-arc", "/etc");
        assertEquals("etc", etc.path("name").asText());
        assertEquals((1L << 31) | 0755, etc.path("mode").asLong(), "Go's ModeDir | 0755");
        JsonNode sh = stat("jct-arc", "/bin/sh");
        assertEquals((1L << 27) | 0777, sh.path("mode").asLong(), "Go's ModeSymlink | 0777");
        assertEquals("/bin/busybox", sh.path("linkTarget").asText());
        assertEquals("/", stat("jct-arc", "/").path("name").asText());
        UnixHttp.Response missing = http.get("/v1.41/containers/jct-arc/archive?path=/nope");
        assertEquals(404, missing.status());
        assertEquals("Could not find the file /nope in container jct-arc", missing.json().path("message").asText());
        assertEquals(404, http.get("/v1.41/containers/jct-none/archive?path=/etc").status());
        assertEquals(400, http.get("/v1.41/containers/jct-arc/archive").status());
    }

    @Test
    void putThenGetOnACreatedContainerLeavesNoMountBehind() throws Exception {
        String id = create("jct-arc", "true");
        byte[] tar = new TarBuilder().dir("d", 0755).file("d/f", "content", 0644).build();
        UnixHttp.Response put = http.send("PUT", "/v1.41/containers/jct-arc/archive?path=/tmp", Map.of(
                "Content-Type", "application/x-tar"), tar);
        assertEquals(200, put.status(), put.toString());
        UnixHttp.Response get = http.get("/v1.41/containers/jct-arc/archive?path=/tmp/d");
        assertEquals(200, get.status());
        assertEquals(List.of("d/", "d/f"), names(get.body()));
        assertEquals(List.of("./", "./f"), names(http.get("/v1.41/containers/jct-arc/archive?path=/tmp/d/.").body()));
        assertFalse(daemon.residue().stream().anyMatch(s -> s.contains(id)), "the rootfs was unmounted again");
        UnixHttp.Response notDir = http.send("PUT", "/v1.41/containers/jct-arc/archive?path=/tmp/d/f", Map.of(), tar);
        assertEquals(500, notDir.status());
        assertEquals("extraction point is not a directory", notDir.json().path("message").asText());
    }

    @Test
    void topListsTheContainersProcessesAndExportTheRootfs() throws Exception {
        create("jct-arc", "sleep", "1000");
        assertEquals(409, http.get("/v1.41/containers/jct-arc/top").status(), "not running");
        assertEquals(204, http.post("/v1.41/containers/jct-arc/start", new byte[0]).status());
        JsonNode top = http.get("/v1.41/containers/jct-arc/top").json();
        assertEquals("[\"UID\",\"PID\",\"PPID\",\"C\",\"STIME\",\"TTY\",\"TIME\",\"CMD\"]", top.path("Titles").toString());
        assertEquals(1, top.path("Processes").size(), top.toString());
        assertEquals("sleep 1000", top.path("Processes").get(0).get(7).asText());
        List<String> exported = names(http.get("/v1.41/containers/jct-arc/export").body());
        assertTrue(exported.contains("bin/busybox") && exported.contains("etc/passwd"), exported.toString());
        assertFalse(exported.contains("./") || exported.contains("/"), "no top entry");
    }
}
