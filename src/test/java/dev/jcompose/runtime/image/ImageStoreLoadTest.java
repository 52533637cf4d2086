package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.BlobInfo;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.testing.ImageArchives;
import dev.jcompose.runtime.testing.ImageArchives.Format;
import dev.jcompose.runtime.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageStoreLoadTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} gzip={1}")
    @CsvSource({"DOCKER_LEGACY,false", "DOCKER_OCI,false", "DOCKER_OCI,true", "OCI_LAYOUT,false", "OCI_LAYOUT,true"})
    void loadsEveryArchiveVariantDockerWrites(Format format, boolean gzip) throws Exception {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        ImageStoreFixture.Built built = ImageStoreFixture.image(format, "one", Map.of("k", "v"),
                "2024-01-02T03:04:05Z", gzip, List.of("app:1"));
        LoadResult result = fixture.load(built);

        assertEquals(List.of("Loaded image: app:1"), result.lines());
        ImageInspect inspect = fixture.store.inspect("app:1");
        assertEquals(built.id().toString(), inspect.id());
        assertEquals(List.of("app:1"), inspect.repoTags());
        assertEquals(List.of(), inspect.repoDigests());
        assertEquals(built.layers().stream().map(layer -> Digest.of(layer).toString()).toList(), inspect.rootFs().layers());
        assertEquals(built.layers().stream().mapToLong(dev.jcompose.runtime.testing.TarBuilder::fileBytes).sum(), inspect.size(),
                "file bytes, as dockerd counts them, not tar bytes");
        assertEquals(List.of("sh", "-c", "echo one"), inspect.config().cmd());
        assertEquals(Map.of("k", "v"), inspect.config().labels());
        assertEquals("2024-01-02T03:04:05Z", inspect.created());
        assertEquals("amd64", inspect.architecture());
        assertEquals("linux", inspect.os());
        assertEquals(ImageStoreFixture.CLOCK.instant().toString(), inspect.metadata().lastTagTime());
        String layerType = fixture.store.record(built.id()).layers().get(0).mediaType();
        assertEquals(gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER, layerType);
        for (ImageRecord.Layer layer : fixture.store.record(built.id()).layers()) {
            assertTrue(fixture.content.exists(layer.blob()));
        }
    }

    @Test
    void onlyTheBlobsOfTheImageStayInTheContentStore() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        ImageStoreFixture.Built built = ImageStoreFixture.image("one", List.of("app:1"));
        fixture.load(built);
        List<Digest> expected = new ArrayList<>(List.of(built.id()));
        built.layers().forEach(layer -> expected.add(Digest.of(layer)));
        assertEquals(expected.stream().sorted().toList(), fixture.content.list().stream().map(BlobInfo::digest).toList(),
                "VERSION, json and repositories files of the archive are not kept");
    }

    @Test
    void inspectSerialisesWithDockersFieldNames() throws Exception {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        fixture.load(ImageStoreFixture.image("one", List.of("app:1")));
        assertEquals(404, assertThrows(RuntimeError.class, () -> fixture.store.inspect("app")).status(),
                "app means app:latest");
        JsonNode json = ImageJson.MAPPER.readTree(ImageJson.MAPPER.writeValueAsBytes(fixture.store.inspect("app:1")));
        for (String field : List.of("Id", "RepoTags", "RepoDigests", "Created", "Config", "RootFS", "Size", "Os",
                "Architecture", "Metadata")) {
            assertTrue(json.has(field), field);
        }
        assertEquals("layers", json.get("RootFS").get("Type").asText());
        assertEquals("sh", json.get("Config").get("Cmd").get(0).asText());
    }

    @Test
    void loadingAgainIsIdempotentAndATakenTagMovesWithANote() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        ImageStoreFixture.Built first = ImageStoreFixture.image("one", List.of("app:1"));
        fixture.load(first);
        assertEquals(List.of("Loaded image: app:1"), fixture.load(first).lines());
        assertEquals(1, fixture.store.list(ImageFilters.NONE).size());

        ImageStoreFixture.Built second = ImageStoreFixture.image("two", List.of("app:1"));
        LoadResult result = fixture.load(second);
        assertEquals(List.of("The image app:1 already exists, renaming the old one with ID " + first.id()
                + " to empty string", "Loaded image: app:1"), result.lines());
        assertEquals(second.id(), fixture.store.resolve("app:1"));
        assertEquals(List.of(), fixture.store.inspect(first.id().toString()).repoTags());
    }

    @Test
    void anUntaggedOciLayoutLoadsByIdAndTheStoreSurvivesAReopen() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        ImageStoreFixture.Built built = ImageStoreFixture.image(Format.OCI_LAYOUT, "x", Map.of(), "2024-01-02T03:04:05Z",
                false, List.of());
        assertEquals(List.of("Loaded image ID: " + built.id()), fixture.load(built).lines());
        fixture.store.tag(built.id().hex().substring(0, 8), "localhost:5000/x:v1");
        ImageStoreFixture reopened = fixture.reopen();
        assertEquals(built.id(), reopened.store.resolve("localhost:5000/x:v1"));
        assertEquals(List.of("localhost:5000/x:v1"), reopened.store.inspect(built.id().hex()).repoTags());
    }

    @Test
    void aLayerThatDoesNotMatchItsDiffIdIsRefusedAndLeavesNoBlobs() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        byte[] real = ImageStoreFixture.baseLayer();
        byte[] config = ImageArchives.config(List.of(ImageStoreFixture.appLayer("claimed")), Map.of(), List.of("sh"),
                "2024-01-02T03:04:05Z");
        byte[] archive = ImageArchives.archive(Format.DOCKER_LEGACY, config, List.of(real), List.of("bad:1"));
        RuntimeError error = assertThrows(RuntimeError.class, () -> fixture.store.load(new ByteArrayInputStream(archive)));
        assertEquals(400, error.status());
        assertTrue(error.getMessage().contains("diff id"), error.getMessage());
        assertEquals(List.of(), fixture.content.list());
        assertFalse(fixture.store.find("bad:1").isPresent());
    }

    @Test
    void whatIsNotAnImageArchiveIsABadRequest() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        byte[] notTar = "definitely not a tar".getBytes(StandardCharsets.UTF_8);
        assertEquals(400, assertThrows(RuntimeError.class,
                () -> fixture.store.load(new ByteArrayInputStream(notTar))).status());
        byte[] tarWithoutManifest = new TarBuilder().file("hello", "x", 0644).build();
        assertEquals(400, assertThrows(RuntimeError.class,
                () -> fixture.store.load(new ByteArrayInputStream(tarWithoutManifest))).status());
        assertEquals(List.of(), fixture.content.list());
    }

    @Test
    void aRepeatedLayerThatOldDockerSaveWroteAsASymlinkLoads() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        byte[] layer = ImageStoreFixture.baseLayer();
        byte[] config = ImageArchives.config(List.of(layer, layer), Map.of(), List.of("sh"), "2024-01-02T03:04:05Z");
        String configName = Digest.of(config).hex() + ".json";
        String first = "a".repeat(64);
        String second = "b".repeat(64);
        byte[] archive = new TarBuilder()
                .file(configName, config, 0644)
                .dir(first, 0755).file(first + "/layer.tar", layer, 0644)
                .dir(second, 0755).symlink(second + "/layer.tar", "../" + first + "/layer.tar")
                .file("manifest.json", "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"twice:1\"],"
                        + "\"Layers\":[\"" + first + "/layer.tar\",\"" + second + "/layer.tar\"]}]", 0644)
                .build();
        fixture.store.load(new ByteArrayInputStream(archive));
        assertEquals(2, fixture.store.inspect("twice:1").rootFs().layers().size());
    }

    @Test
    void aSymlinkOutOfTheArchiveIsNotFollowed() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        byte[] archive = new TarBuilder().symlink("manifest.json", "/etc/passwd").build();
        assertEquals(400, assertThrows(RuntimeError.class,
                () -> fixture.store.load(new ByteArrayInputStream(archive))).status());
        byte[] escaping = new TarBuilder().file("x", "[]", 0644).symlink("manifest.json", "../../../etc/passwd").build();
        assertEquals(400, assertThrows(RuntimeError.class,
                () -> fixture.store.load(new ByteArrayInputStream(escaping))).status());
    }

    @Test
    void aGzippedArchiveLoadsToo() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        ImageStoreFixture.Built built = ImageStoreFixture.image("one", List.of("app:1"));
        fixture.store.load(new ByteArrayInputStream(TarBuilder.gzip(built.archive())));
        assertEquals(built.id(), fixture.store.resolve("app:1"));
    }
}
