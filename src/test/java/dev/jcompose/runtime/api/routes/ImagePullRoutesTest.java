package dev.jcompose.runtime.api.routes;

import static dev.jcompose.runtime.api.routes.ImageApiFixture.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.MediaTypes;
import dev.jcompose.runtime.registry.Credentials;
import dev.jcompose.runtime.testing.FakeRegistry;
import dev.jcompose.runtime.testing.ImageArchives;
import dev.jcompose.runtime.testing.TarBuilder;
import dev.jcompose.runtime.testing.UnixHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /images/create?fromImage and POST /auth against an in-process registry: progress, errors, credentials. */
class ImagePullRoutesTest {
    @TempDir
    Path dir;
    ImageApiFixture api;
    byte[] layer = new TarBuilder().dir("srv", 0755).file("srv/index.html", "hello", 0644).build();
    byte[] blob = TarBuilder.gzip(layer);
    byte[] config = ImageArchives.config(List.of(layer), Map.of(), List.of("httpd"), "2025-01-01T00:00:00Z");
    byte[] manifest = FakeRegistry.imageManifest(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG, config,
            List.of(blob), List.of(MediaTypes.DOCKER_LAYER_GZIP));

    @BeforeEach
    void start() throws Exception {
        api = new ImageApiFixture(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Digest push(FakeRegistry registry, String repo, String tag) {
        registry.blob(config);
        registry.blob(blob);
        return registry.manifest(repo, tag, MediaTypes.DOCKER_MANIFEST, manifest);
    }

    private UnixHttp.Response pull(FakeRegistry registry, String repo, String tag, String auth) {
        Map<String, String> headers = auth == null ? Map.of() : Map.of("X-Registry-Auth", auth);
        return api.http.send("POST", "/v1.41/images/create?fromImage=" + q(registry.domain() + "/" + repo) + "&tag="
                + q(tag), headers, null);
    }

    private static List<String> statuses(UnixHttp.Response r) {
        return r.jsonLines().stream().map(line -> (line.has("id") ? line.get("id").asText() + ": " : "")
                + line.path("status").asText(line.path("error").asText())).toList();
    }

    @Test
    void pullReportsProgressLikeDockerdAndRecordsTheRepoDigest() throws Exception {
        try (FakeRegistry registry = FakeRegistry.anonymous()) {
            Digest manifestDigest = push(registry, "jct/web", "1");
            String layerId = Digest.of(blob).shortId();
            UnixHttp.Response first = pull(registry, "jct/web", "1", null);
            assertEquals(200, first.status(), first.toString());
            assertEquals(List.of("1: Pulling from jct/web", layerId + ": Pulling fs layer", layerId + ": Downloading",
                    layerId + ": Download complete", layerId + ": Pull complete", "Digest: " + manifestDigest,
                    "Status: Downloaded newer image for " + registry.domain() + "/jct/web:1"), statuses(first));
            UnixHttp.Response again = pull(registry, "jct/web", "1", null);
            assertEquals(List.of("1: Pulling from jct/web", layerId + ": Already exists", "Digest: " + manifestDigest,
                    "Status: Image is up to date for " + registry.domain() + "/jct/web:1"), statuses(again));
            JsonNode row = api.http.get("/v1.41/images/json").json().get(0);
            assertEquals(Digest.of(config).toString(), row.get("Id").asText());
            assertEquals("[\"" + registry.domain() + "/jct/web@" + manifestDigest + "\"]", row.get("RepoDigests").toString());
            UnixHttp.Response byDigest = pull(registry, "jct/web", manifestDigest.toString(), null);
            assertEquals(200, byDigest.status());
            assertEquals("Status: Image is up to date for " + registry.domain() + "/jct/web@" + manifestDigest,
                    statuses(byDigest).get(statuses(byDigest).size() - 1));
        }
    }

    @Test
    void aPulledImageIsSavedWithItsRegistryManifestAndGzipLayer() throws Exception {
        try (FakeRegistry registry = FakeRegistry.anonymous()) {
            Digest manifestDigest = push(registry, "jct/web", "1");
            assertEquals(200, pull(registry, "jct/web", "1", null).status());
            byte[] saved = api.http.get("/v1.41/images/" + q(registry.domain() + "/jct/web:1") + "/get").body();
            Map<String, byte[]> files = ImageTransferRoutesTest.untar(saved);
            assertTrue(files.containsKey("blobs/sha256/" + manifestDigest.hex()), files.keySet().toString());
            assertTrue(files.containsKey("blobs/sha256/" + Digest.of(blob).hex()), files.keySet().toString());
            JsonNode index = new com.fasterxml.jackson.databind.ObjectMapper().readTree(files.get("index.json"));
            assertEquals(manifestDigest.toString(), index.get("manifests").get(0).get("digest").asText());
            assertEquals(MediaTypes.DOCKER_MANIFEST, index.get("manifests").get(0).get("mediaType").asText());
            try (ImageApiFixture other = new ImageApiFixture(dir.resolve("other"))) {
                assertEquals(200, other.load(saved).status());
                assertEquals(Digest.of(config).toString(), other.http.get("/v1.41/images/"
                        + q(registry.domain() + "/jct/web:1") + "/json").json().get("Id").asText());
            }
        }
    }

    @Test
    void failureBeforeTheStreamIsAnHttpErrorAndAfterItAnErrorMessage() throws Exception {
        try (FakeRegistry registry = FakeRegistry.anonymous()) {
            push(registry, "jct/web", "1");
            UnixHttp.Response missing = pull(registry, "jct/web", "2", null);
            assertEquals(404, missing.status());
            assertEquals("manifest for " + registry.domain() + "/jct/web:2 not found: manifest unknown: manifest unknown",
                    missing.json().get("message").asText());
            registry.tamper(Digest.of(blob), TarBuilder.gzip(new TarBuilder().file("evil", "x", 0644).build()));
            UnixHttp.Response tampered = pull(registry, "jct/web", "1", null);
            assertEquals(200, tampered.status());
            JsonNode last = tampered.jsonLines().get(tampered.jsonLines().size() - 1);
            assertEquals(last.get("error").asText(), last.get("errorDetail").get("message").asText());
            assertTrue(last.get("error").asText().contains(Digest.of(blob).toString()), last.toString());
            assertEquals(404, api.http.get("/v1.41/images/" + q(registry.domain() + "/jct/web:1") + "/json").status());
        }
    }

    @Test
    void credentialsComeFromTheRegistryAuthHeader() throws Exception {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BEARER, "jct", "pw")) {
            push(registry, "team/web", "1");
            String auth = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"username\":\"jct\",\"password\":\"pw\",\"serveraddress\":\"" + registry.domain() + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
            assertEquals(200, pull(registry, "team/web", "1", auth).status());
            assertEquals(List.of("service=fake-registry&scope=repository:team/web:pull auth=true"),
                    registry.tokenRequests());
            UnixHttp.Response anonymous = pull(registry, "team/web", "1", null);
            assertEquals(500, anonymous.status());
            assertEquals("unauthorized: authentication required", anonymous.json().get("message").asText());
        }
    }

    @Test
    void loginAnswersLikeDockerd() throws Exception {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BASIC, "jct", "pw")) {
            String body = "{\"username\":\"jct\",\"password\":\"pw\",\"serveraddress\":\"" + registry.domain() + "\"}";
            UnixHttp.Response ok = api.http.post("/v1.41/auth", body.getBytes(StandardCharsets.UTF_8));
            assertEquals(200, ok.status(), ok.toString());
            assertEquals("{\"IdentityToken\":\"\",\"Status\":\"Login Succeeded\"}", ok.json().toString());
            UnixHttp.Response bad = api.http.post("/v1.41/auth", body.replace("\"pw\"", "\"x\"").getBytes());
            assertEquals(401, bad.status(), bad.toString());
        }
    }

    @Test
    void registryAuthHeaderForms() {
        Base64.Encoder url = Base64.getUrlEncoder();
        assertEquals(Credentials.basic("a", "b?>"), RegistryAuthHeader.decode(url.encodeToString(
                "{\"username\":\"a\",\"password\":\"b?>\"}".getBytes())));
        assertEquals(Credentials.basic("u", "p:q"), RegistryAuthHeader.decode(url.withoutPadding().encodeToString(
                ("{\"auth\":\"" + Base64.getEncoder().encodeToString("u:p:q".getBytes()) + "\"}").getBytes())));
        assertEquals(new Credentials("", "", "tok"), RegistryAuthHeader.decode(Base64.getEncoder().encodeToString(
                "{\"identitytoken\":\"tok\"}".getBytes())));
        assertTrue(RegistryAuthHeader.decode(url.encodeToString("{}".getBytes())).isAnonymous());
        assertTrue(RegistryAuthHeader.decode(null).isAnonymous());
        assertEquals(400, assertThrows(RuntimeError.class, () -> RegistryAuthHeader.decode("%%%")).status());
    }
}
