package dev.jcompose.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageInspect;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.MediaTypes;
import dev.jcompose.runtime.image.Platform;
import dev.jcompose.runtime.testing.FakeRegistry;
import dev.jcompose.runtime.testing.TarBuilder;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls through {@link RegistrySource} into a real image store from an in-process registry: manifest kinds,
 * platform choice, compression, digest checks, redirects, and dockerd's wording of failures.
 */
class RegistrySourceTest {
    private static final Platform AMD64 = new Platform("amd64", "linux", null);

    @TempDir
    Path root;

    private Digest pull(FakeRegistry registry, String ref, Credentials credentials) {
        ImageStore store = RegistryImages.store(root);
        return store.pull(new RegistrySource(new RegistryClient(), credentials), registry.domain() + "/" + ref, AMD64);
    }

    @Test
    void dockerSchema2WithGzipLayerGetsTagAndRepoDigest() throws Exception {
        try (FakeRegistry registry = FakeRegistry.anonymous()) {
            RegistryImages.Pushed pushed = RegistryImages.push(registry, "jct/app", "1", "gz", RegistryImages.Compression.GZIP);
            ImageStore store = RegistryImages.store(root);
            Digest id = store.pull(new RegistrySource(new RegistryClient(), null), registry.domain() + "/jct/app:1", AMD64);
            assertEquals(pushed.id(), id);
            ImageInspect inspect = store.inspect(registry.domain() + "/jct/app:1");
            assertEquals(List.of(registry.domain() + "/jct/app:1"), inspect.repoTags());
            assertEquals(List.of(registry.domain() + "/jct/app@" + pushed.manifest()), inspect.repoDigests());
            ImageRecord.Layer layer = store.record(id).layers().get(0);
            assertEquals(pushed.layerBlob(), layer.blob());
            assertEquals(MediaTypes.OCI_LAYER_GZIP, layer.mediaType());
            assertEquals(pushed.diffId(), layer.diffId());
            assertEquals(pushed.manifest(), store.record(id).manifest());
        }
    }

    @Test
    void zstdLayerOfAnOciManifest() throws Exception {
        try (FakeRegistry registry = FakeRegistry.anonymous()) {
            RegistryImages.Pushed pushed = RegistryImages.push(registry, "zs", "v", "zstd", RegistryImages.Compression.ZSTD);
            ImageStore store = RegistryImages.store(root);
            Digest id = store.pull(new RegistrySource(new RegistryClient(), null), registry.domain() + "/zs:v", AMD64);
            ImageRecord.Layer layer = store.record(id).layers().get(0);
            assertEquals(MediaTypes.OCI_LAYER_ZSTD, layer.mediaType());
            assertEquals(pushed.diffId(), layer.diffId());
        }
    }

    @Test
    void indexSelectsLinuxAmd64AndFetchesNothingOfOtherPlatforms() throws Exception {
        try (FakeRegistry registry = FakeRegistry.anonymous()) {
            byte[] armTar = RegistryImages.layer("arm");
            byte[] armConfig = RegistryImages.config(armTar, "arm");
            byte[] armManifest = FakeRegistry.imageManifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, armConfig,
                    List.of(TarBuilder.gzip(armTar)), List.of(MediaTypes.OCI_LAYER_GZIP));
            registry.blob(armConfig);
            registry.blob(TarBuilder.gzip(armTar));
            registry.manifest("multi", null, MediaTypes.OCI_MANIFEST, armManifest);
            RegistryImages.Pushed amd = RegistryImages.push(registry, "multi", "amd-only", "amd",
                    RegistryImages.Compression.ZSTD);
            byte[] index = FakeRegistry.index(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
                    List.of(armManifest, amd.manifestBytes()), List.of("linux/arm64/v8", "linux/amd64"));
            registry.manifest("multi", "1", MediaTypes.OCI_INDEX, index);
            Digest id = pull(registry, "multi:1", Credentials.ANONYMOUS);
            assertEquals(amd.id(), id);
            String armConfigPath = "/v2/multi/blobs/" + Digest.of(armConfig);
            assertTrue(registry.seen().stream().noneMatch(s -> s.path().equals(armConfigPath)), registry.seen().toString());
            assertTrue(registry.seen().stream().anyMatch(s -> s.path().equals("/v2/multi/manifests/" + amd.manifest())));
        }
    }

    @Test
    void basicCredentialsOnEveryRequestAndNeverOnRedirectedStorage() throws Exception {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BASIC, "jct", "s3cret").redirectBlobs(true)) {
            RegistryImages.Pushed pushed = RegistryImages.push(registry, "private/app", "1", "b",
                    RegistryImages.Compression.GZIP);
            assertEquals(pushed.id(), pull(registry, "private/app:1", Credentials.basic("jct", "s3cret")));
            List<FakeRegistry.Seen> seen = registry.seen();
            assertTrue(seen.stream().filter(s -> s.path().startsWith("/v2/private/"))
                    .allMatch(s -> s.authorization() != null && s.authorization().startsWith("Basic ")), seen.toString());
            List<FakeRegistry.Seen> storage = seen.stream().filter(s -> s.path().startsWith("storage:")).toList();
            assertFalse(storage.isEmpty(), seen.toString());
            assertTrue(storage.stream().allMatch(s -> s.authorization() == null), storage.toString());
        }
    }

    @Test
    void basicWithoutOrWithWrongCredentialsFailsLikeDockerd() throws Exception {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BASIC, "jct", "s3cret")) {
            RegistryImages.push(registry, "private/app", "1", "b", RegistryImages.Compression.GZIP);
            RuntimeError none = assertThrows(RuntimeError.class, () -> pull(registry, "private/app:1", null));
            assertEquals("Get \"http://" + registry.domain() + "/v2/private/app/manifests/1\": no basic auth credentials",
                    none.getMessage());
            RuntimeError wrong = assertThrows(RuntimeError.class,
                    () -> pull(registry, "private/app:1", Credentials.basic("jct", "nope")));
            assertEquals(500, wrong.status());
            assertEquals("unauthorized: authentication required", wrong.getMessage());
        }
    }

    @Test
    void bearerTokenFetchedOnceForTheRepositoryScopeAndSentEverywhere() throws Exception {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BEARER, "jct", "s3cret")) {
            RegistryImages.Pushed pushed = RegistryImages.push(registry, "team/app", "2", "t",
                    RegistryImages.Compression.GZIP);
            assertEquals(pushed.id(), pull(registry, "team/app:2", Credentials.basic("jct", "s3cret")));
            assertEquals(List.of("service=fake-registry&scope=repository:team/app:pull auth=true"),
                    registry.tokenRequests());
            assertTrue(registry.seen().stream().filter(s -> s.path().startsWith("/v2/team/"))
                    .allMatch(s -> "Bearer tok:jct:repository:team/app:pull".equals(s.authorization())),
                    registry.seen().toString());
        }
    }

    @Test
    void anonymousTokenWithoutAccessIsRefused() throws Exception {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BEARER, "jct", "s3cret")) {
            RegistryImages.push(registry, "team/app", "2", "t", RegistryImages.Compression.GZIP);
            RuntimeError e = assertThrows(RuntimeError.class, () -> pull(registry, "team/app:2", Credentials.ANONYMOUS));
            assertEquals("unauthorized: authentication required", e.getMessage());
            RuntimeError wrong = assertThrows(RuntimeError.class,
                    () -> pull(registry, "team/app:2", Credentials.basic("jct", "bad")));
            assertTrue(wrong.getMessage().endsWith("unauthorized: incorrect username or password"), wrong.getMessage());
        }
    }

    @Test
    void tamperedLayerIsRefusedAndNothingIsTagged() throws Exception {
        try (FakeRegistry registry = FakeRegistry.anonymous()) {
            RegistryImages.Pushed pushed = RegistryImages.push(registry, "t", "1", "x", RegistryImages.Compression.GZIP);
            registry.tamper(pushed.layerBlob(), TarBuilder.gzip(RegistryImages.layer("evil")));
            ImageStore store = RegistryImages.store(root);
            RegistrySource source = new RegistrySource(new RegistryClient(), null);
            RuntimeError e = assertThrows(RuntimeError.class, () -> store.pull(source, registry.domain() + "/t:1", AMD64));
            assertTrue(e.getMessage().contains(pushed.layerBlob().toString()), e.getMessage());
            assertTrue(store.find(registry.domain() + "/t:1").isEmpty());
        }
    }

    @Test
    void manifestWhoseBytesDoNotMatchTheRegistryDigestIsRefused() throws Exception {
        try (FakeRegistry registry = FakeRegistry.anonymous()) {
            RegistryImages.Pushed pushed = RegistryImages.push(registry, "t", "1", "x", RegistryImages.Compression.GZIP);
            registry.tamper(pushed.manifest(), "{\"schemaVersion\":2}".getBytes());
            RuntimeError e = assertThrows(RuntimeError.class, () -> pull(registry, "t:1", null));
            assertTrue(e.getMessage().startsWith("manifest digest mismatch"), e.getMessage());
        }
    }

    @Test
    void schema1ManifestsAreRefusedWithAReason() throws Exception {
        try (FakeRegistry registry = FakeRegistry.anonymous()) {
            registry.manifest("old", "1", "application/vnd.docker.distribution.manifest.v1+prettyjws",
                    "{\"schemaVersion\":1,\"name\":\"old\"}".getBytes());
            RuntimeError e = assertThrows(RuntimeError.class, () -> pull(registry, "old:1", null));
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("schema 1"), e.getMessage());
        }
    }

    @Test
    void unknownTagAndUnreachableRegistryAreWordedLikeDockerd() throws Exception {
        try (FakeRegistry registry = FakeRegistry.anonymous()) {
            RegistryImages.push(registry, "jct/app", "1", "x", RegistryImages.Compression.GZIP);
            RuntimeError missing = assertThrows(RuntimeError.class, () -> pull(registry, "jct/app:9", null));
            assertEquals(404, missing.status());
            assertEquals("manifest for " + registry.domain() + "/jct/app:9 not found: manifest unknown: manifest unknown",
                    missing.getMessage());
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        RuntimeError refused = assertThrows(RuntimeError.class,
                () -> RegistryImages.store(root).pull(new RegistrySource(new RegistryClient(), null),
                        "127.0.0.1:" + port + "/x:1", AMD64));
        assertEquals("Get \"http://127.0.0.1:" + port + "/v2/\": connect: connection refused", refused.getMessage());
    }

    @Test
    void plainHttpOnlyForInsecureLoopbackRegistries() {
        RegistryClient client = new RegistryClient();
        assertEquals(List.of("https://registry-1.docker.io"), client.candidates("docker.io").stream().map(Object::toString).toList());
        assertEquals(List.of("https://example.com:5000"), client.candidates("example.com:5000").stream().map(Object::toString).toList());
        assertEquals(List.of("http://127.0.0.1:5000", "https://127.0.0.1:5000"),
                client.candidates("127.0.0.1:5000").stream().map(Object::toString).toList());
        assertTrue(RegistryClient.isLoopback("localhost:5000"));
        assertTrue(RegistryClient.isLoopback("[::1]:5000"));
        assertFalse(RegistryClient.isLoopback("127.example.com"));
        assertEquals("docker.io", RegistryClient.domainOf("https://index.docker.io/v1/"));
        assertEquals("127.0.0.1:5000", RegistryClient.domainOf("http://127.0.0.1:5000/"));
    }

    @Test
    void loginChecksCredentialsAgainstTheRegistry() throws Exception {
        RegistryClient client = new RegistryClient();
        try (FakeRegistry basic = new FakeRegistry(FakeRegistry.Auth.BASIC, "jct", "pw");
                FakeRegistry bearer = new FakeRegistry(FakeRegistry.Auth.BEARER, "jct", "pw")) {
            client.login(basic.domain(), Credentials.basic("jct", "pw"));
            RuntimeError bad = assertThrows(RuntimeError.class, () -> client.login(basic.domain(),
                    Credentials.basic("jct", "no")));
            assertEquals(401, bad.status());
            assertEquals("login attempt to http://" + basic.domain() + "/v2/ failed with status: 401 Unauthorized",
                    bad.getMessage());
            client.login("http://" + bearer.domain() + "/", Credentials.basic("jct", "pw"));
            assertEquals("service=fake-registry auth=true", bearer.tokenRequests().get(0));
            assertThrows(RuntimeError.class, () -> client.login(bearer.domain(), Credentials.basic("jct", "no")));
        }
    }
}
