package dev.jcompose.runtime.api.routes;

import static dev.jcompose.runtime.api.routes.ImageApiFixture.q;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.testing.ImageArchives;
import dev.jcompose.runtime.testing.TarBuilder;
import dev.jcompose.runtime.testing.UnixHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker load / save / import over the socket: message streams, archive contents, and errors before streaming. */
class ImageTransferRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ImageApiFixture api;
    ImageApiFixture.Image app = ImageApiFixture.image("app", Map.of(), "2025-01-01T00:00:00Z");

    @BeforeEach
    void start() throws Exception {
        api = new ImageApiFixture(dir.resolve("a"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** name → bytes of every file in a tar. */
    static Map<String, byte[]> untar(byte[] tar) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isFile()) {
                    files.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return files;
    }

    @Test
    void loadAnswersTheLinesDockerLoadPrintsForEveryArchiveFormat() {
        for (ImageArchives.Format format : ImageArchives.Format.values()) {
            String tag = "jct-" + format.name().toLowerCase().replace('_', '-') + ":1";
            UnixHttp.Response r = api.load(app.archive(format, tag));
            assertEquals(200, r.status(), r.toString());
            assertEquals("application/json", r.headers().get("content-type"));
            assertEquals("{\"stream\":\"Loaded image: " + tag + "\\n\"}", r.jsonLines().get(0).toString());
        }
        assertEquals(3, api.http.get("/v1.41/images/" + app.id().hex() + "/json").json().get("RepoTags").size());
    }

    @Test
    void badArchiveIsAPlainHttpError() {
        UnixHttp.Response r = api.load(new TarBuilder().file("hello.txt", "hi", 0644).build());
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.json().get("message").asText().startsWith("invalid archive"), r.toString());
        assertEquals(400, api.http.post("/v1.41/images/load", null).status());
    }

    @Test
    void saveWritesAnOciLayoutWithManifestJsonThatLoadsBackElsewhere() throws Exception {
        api.load(app.archive(ImageArchives.Format.DOCKER_LEGACY, "jct-app:1"));
        UnixHttp.Response r = api.http.get("/v1.41/images/jct-app:1/get");
        assertEquals(200, r.status(), r.toString());
        assertEquals("application/x-tar", r.headers().get("content-type"));
        Map<String, byte[]> files = untar(r.body());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().startsWith("blobs/sha256/")) {
                assertEquals(file.getKey().substring("blobs/sha256/".length()), Digest.of(file.getValue()).hex());
            }
        }
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertEquals("blobs/sha256/" + app.id().hex(), manifest.get(0).get("Config").asText());
        assertEquals("[\"jct-app:1\"]", manifest.get(0).get("RepoTags").toString());
        assertEquals("blobs/sha256/" + Digest.of(app.layer()).hex(), manifest.get(0).get("Layers").get(0).asText());
        JsonNode index = JSON.readTree(files.get("index.json"));
        assertEquals("docker.io/library/jct-app:1",
                index.get("manifests").get(0).get("annotations").get("io.containerd.image.name").asText());
        assertTrue(files.containsKey("oci-layout"));
        assertArrayEquals(r.body(), api.http.get("/v1.41/images/jct-app:1/get").body(), "save is reproducible");
        try (ImageApiFixture other = new ImageApiFixture(dir.resolve("b"))) {
            assertEquals("Loaded image: jct-app:1\n", other.load(r.body()).jsonLines().get(0).get("stream").asText());
            JsonNode image = other.http.get("/v1.41/images/jct-app:1/json").json();
            assertEquals(app.id().toString(), image.get("Id").asText());
        }
    }

    @Test
    void saveSelectsLikeDockerdAndWritesSharedBlobsOnce() throws Exception {
        api.load(app.archive(ImageArchives.Format.DOCKER_LEGACY, "jct-app:1"));
        api.http.post("/v1.41/images/jct-app:1/tag?repo=jct-app&tag=2", null);
        api.http.post("/v1.41/images/jct-app:1/tag?repo=jct-other&tag=1", null);
        JsonNode byRepository = JSON.readTree(untar(api.http.get("/v1.41/images/get?names=jct-app").body())
                .get("manifest.json"));
        assertEquals("[\"jct-app:1\",\"jct-app:2\"]", byRepository.get(0).get("RepoTags").toString());
        JsonNode byId = JSON.readTree(untar(api.http.get("/v1.41/images/get?names=" + app.id().hex().substring(0, 10))
                .body()).get("manifest.json"));
        assertTrue(byId.get(0).get("RepoTags").isNull(), byId.toString());
        ImageApiFixture.Image second = ImageApiFixture.image("second", Map.of(), "2025-02-01T00:00:00Z");
        api.load(second.archive(ImageArchives.Format.DOCKER_LEGACY, "jct-second:1"));
        byte[] both = api.http.get("/v1.41/images/get?names=jct-app:1&names=jct-second:1&names=jct-other:1").body();
        Map<String, byte[]> files = untar(both);
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertEquals(2, manifest.size());
        assertEquals("[\"jct-app:1\",\"jct-other:1\"]", manifest.get(0).get("RepoTags").toString());
        long layerCopies = files.keySet().stream().filter(n -> n.endsWith(Digest.of(app.layer()).hex())).count();
        assertEquals(1, layerCopies);
    }

    @Test
    void saveOfAnUnknownNameFailsBeforeAnyByteOfArchive() {
        UnixHttp.Response r = api.http.get("/v1.41/images/get?names=jct-nope");
        assertEquals(404, r.status());
        assertEquals("No such image: jct-nope", r.json().get("message").asText());
    }

    @Test
    void importFromTheBodyWithChangesMessageAndRepoTag() {
        byte[] rootfs = new TarBuilder().dir("bin", 0755).file("bin/hello", "#!/bin/sh\n", 0755).build();
        String query = "fromSrc=-&repo=" + q("jct-imp:3") + "&message=" + q("from a test")
                + "&changes=" + q("CMD [\"/bin/hello\"]") + "&changes=" + q("ENV A=1");
        UnixHttp.Response r = api.http.post("/v1.41/images/create?" + query, rootfs);
        assertEquals(200, r.status(), r.toString());
        String id = r.jsonLines().get(0).get("status").asText();
        assertTrue(Digest.isValid(id), r.toString());
        JsonNode image = api.http.get("/v1.41/images/jct-imp:3/json").json();
        assertEquals(id, image.get("Id").asText());
        assertEquals("from a test", image.get("Comment").asText());
        assertEquals("[\"/bin/hello\"]", image.get("Config").get("Cmd").toString());
        assertEquals("[\"A=1\"]", image.get("Config").get("Env").toString());
        assertEquals(List.of(Digest.of(rootfs).toString()), List.of(image.get("RootFS").get("Layers").get(0).asText()));
        UnixHttp.Response separateTag = api.http.post("/v1.41/images/create?fromSrc=-&repo=jct-imp&tag=4", rootfs);
        assertEquals(200, separateTag.status());
        assertEquals(200, api.http.get("/v1.41/images/jct-imp:4/json").status());
    }

    @Test
    void importFromAUrlRecordsWhereItCameFrom() throws Exception {
        byte[] rootfs = new TarBuilder().file("hello.txt", "hi", 0644).build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/gone", x -> {
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        server.createContext("/rootfs.tar", x -> {
            x.sendResponseHeaders(200, rootfs.length);
            x.getResponseBody().write(rootfs);
            x.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/rootfs.tar";
            UnixHttp.Response r = api.http.post("/v1.41/images/create?fromSrc=" + q(url) + "&repo=jct-url", null);
            assertEquals(200, r.status(), r.toString());
            JsonNode image = api.http.get("/v1.41/images/jct-url/json").json();
            assertEquals("Imported from " + url, image.get("Comment").asText());
            UnixHttp.Response missing = api.http.post("/v1.41/images/create?fromSrc=" + q("http://127.0.0.1:" + server.getAddress().getPort() + "/gone"), null);
            assertEquals(400, missing.status(), missing.toString());
        } finally {
            server.stop(0);
        }
    }
}
