package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.testing.ImageArchives;
import dev.jcompose.runtime.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportAndPullTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private static final ImportOptions OPTIONS = ImportOptions.DEFAULTS.withReference("imported:1")
            .withChanges(List.of("CMD [\"/bin/sh\"]", "ENV PATH=/bin:/usr/bin", "LABEL origin=test"))
            .withCreated(Instant.parse("2024-02-03T04:05:06Z"));

    @Test
    void importMakesAOneLayerImageLikeDockerImport() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        byte[] rootfs = ImageStoreFixture.baseLayer();
        Digest id = fixture.store.importRootfs(new ByteArrayInputStream(rootfs), OPTIONS);
        ImageInspect inspect = fixture.store.inspect("imported:1");
        assertEquals(id.toString(), inspect.id());
        assertEquals(List.of(Digest.of(rootfs).toString()), inspect.rootFs().layers());
        assertEquals(List.of("/bin/sh"), inspect.config().cmd());
        assertEquals(List.of("PATH=/bin:/usr/bin"), inspect.config().env());
        assertEquals(Map.of("origin", "test"), inspect.config().labels());
        assertEquals("Imported from -", inspect.comment());
        assertEquals("2024-02-03T04:05:06Z", inspect.created());
        assertEquals(dev.jcompose.runtime.testing.TarBuilder.fileBytes(rootfs), inspect.size());
        assertEquals("Imported from -", fixture.store.history("imported:1").get(0).comment());
    }

    @Test
    void theSameRootfsGivesTheSameIdWhateverItsCompression() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        byte[] rootfs = ImageStoreFixture.baseLayer();
        Digest plain = fixture.store.importRootfs(new ByteArrayInputStream(rootfs), OPTIONS);
        Digest gzip = fixture.store.importRootfs(new ByteArrayInputStream(TarBuilder.gzip(rootfs)), OPTIONS);
        assertEquals(plain, gzip);
    }

    @Test
    void importRefusesWhatIsNotATarAndBadChanges() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        byte[] garbage = new byte[4096];
        Arrays.fill(garbage, (byte) 'x');
        assertEquals(400, assertThrows(RuntimeError.class,
                () -> fixture.store.importRootfs(new ByteArrayInputStream(garbage), OPTIONS)).status());
        assertEquals(List.of(), fixture.content.list());
        assertEquals(400, assertThrows(RuntimeError.class, () -> fixture.store.importRootfs(
                new ByteArrayInputStream(ImageStoreFixture.baseLayer()),
                OPTIONS.withChanges(List.of("RUN rm -rf /")))).status());
    }

    /** An OCI layout directory with a two-platform index, like a registry would serve. */
    private Path layoutWithTwoPlatforms() throws Exception {
        Path layout = Files.createDirectories(root.resolve("layout"));
        Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
        ArrayNode manifests = JSON.createArrayNode();
        for (String arch : List.of("arm64", "amd64")) {
            byte[] layer = TarBuilder.gzip(ImageStoreFixture.appLayer(arch));
            byte[] config = ImageArchives.config(List.of(ImageStoreFixture.appLayer(arch)), Map.of("arch", arch),
                    List.of("sh"), "2024-01-01T00:00:00Z");
            ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                    .put("mediaType", MediaTypes.OCI_MANIFEST);
            manifest.set("config", descriptor(MediaTypes.OCI_CONFIG, config));
            manifest.putArray("layers").add(descriptor(MediaTypes.OCI_LAYER_GZIP, layer));
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            for (byte[] blob : List.of(layer, config, manifestBytes)) {
                Files.write(blobs.resolve(Digest.of(blob).hex()), blob);
            }
            ObjectNode entry = descriptor(MediaTypes.OCI_MANIFEST, manifestBytes);
            entry.putObject("platform").put("os", "linux").put("architecture", arch);
            manifests.add(entry);
        }
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        index.set("manifests", manifests);
        byte[] indexBytes = JSON.writeValueAsBytes(index);
        Files.write(blobs.resolve(Digest.of(indexBytes).hex()), indexBytes);
        ObjectNode top = JSON.createObjectNode().put("schemaVersion", 2);
        ObjectNode entry = descriptor(MediaTypes.OCI_INDEX, indexBytes);
        entry.putObject("annotations").put(OciLayoutSource.CONTAINERD_NAME, "registry.example.com/multi:1");
        top.putArray("manifests").add(entry);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(top));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
        return layout;
    }

    private static ObjectNode descriptor(String mediaType, byte[] blob) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", Digest.of(blob).toString())
                .put("size", blob.length);
    }

    @Test
    void pullThroughAnImageSourcePicksThePlatformFromTheIndex() throws Exception {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        OciLayoutSource source = OciLayoutSource.ofDirectory(layoutWithTwoPlatforms());
        Digest amd64 = fixture.store.pull(source, "registry.example.com/multi:1", new Platform("amd64", "linux", null));
        assertEquals(Map.of("arch", "amd64"), fixture.store.inspect("registry.example.com/multi:1").config().labels());
        assertEquals(amd64, fixture.store.resolve("registry.example.com/multi:1"));
        assertTrue(fixture.store.record(amd64).manifest() != null);
        RuntimeError noMatch = assertThrows(RuntimeError.class, () -> fixture.store.pull(source,
                "registry.example.com/multi:1", new Platform("s390x", "linux", null)));
        assertEquals("no matching manifest for linux/s390x in the manifest list entries", noMatch.getMessage());
        assertEquals(404, assertThrows(RuntimeError.class,
                () -> fixture.store.pull(source, "registry.example.com/other:1", Platform.host())).status());
    }

    @Test
    void aBlobThatDoesNotMatchItsDigestIsRefused() throws Exception {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        Path layout = layoutWithTwoPlatforms();
        try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path blob : blobs.toList()) {
                byte[] bytes = Files.readAllBytes(blob);
                if (bytes.length > 0 && bytes[0] == '{' && new String(bytes, StandardCharsets.UTF_8).contains("rootfs")) {
                    Files.writeString(blob, new String(bytes, StandardCharsets.UTF_8).replace("amd64", "AMD64"));
                }
            }
        }
        RuntimeError error = assertThrows(RuntimeError.class, () -> fixture.store.pull(
                OciLayoutSource.ofDirectory(layout), "registry.example.com/multi:1", new Platform("amd64", "linux", null)));
        assertEquals(400, error.status());
        assertTrue(error.getMessage().contains("digest mismatch"), error.getMessage());
    }
}
