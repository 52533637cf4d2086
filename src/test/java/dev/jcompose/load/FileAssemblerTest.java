package dev.jcompose.load;

import static dev.jcompose.load.testing.Assembly.CORPUS;
import static dev.jcompose.load.testing.Assembly.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.error.ComposeException;
import dev.jcompose.load.discover.SourceFile;
import dev.jcompose.load.merge.Merger;
import dev.jcompose.load.testing.Assembly;
import dev.jcompose.load.tree.MapNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FileAssemblerTest {
    private static final Path DIR = Path.of("/project");

    private static List<MapNode> assemble(String yaml, boolean interpolate, Map<String, String> env) {
        return FileAssembler.assemble(new SourceFile("compose.yaml", DIR.resolve("compose.yaml"), yaml), DIR, env,
                Assembly.options(DIR, interpolate), new Warnings());
    }

    @Test
    void documentsOfOneFileMergeLikeOverrideFiles() {
        // vector multi-document-yaml-merges
        List<MapNode> docs = assemble("""
                name: load-multi-docs
                services:
                  test:
                    image: nginx:latest
                ---
                services:
                  test:
                    image: nginx:override

                """, false, Map.of());
        assertEquals(2, docs.size());
        assertEquals("nginx:override", at(Merger.merge(docs), "services", "test", "image"));
    }

    @Test
    void emptyDocumentsAddNothing() {
        assertEquals(0, assemble("", false, Map.of()).size());
        assertEquals(0, assemble("# only a comment\n", false, Map.of()).size());
        assertEquals(1, assemble("---\n---\nservices: {a: {image: x}}\n", false, Map.of()).size());
    }

    @Test
    void topLevelMustBeAMapping() {
        ComposeException e = assertThrows(ComposeException.class, () -> assemble("- a\n- b\n", false, Map.of()));
        assertEquals("compose.yaml:1:1: top-level object must be a mapping, not a list", e.getMessage());
        ComposeException second = assertThrows(ComposeException.class,
                () -> assemble("services: {}\n---\njust text\n", false, Map.of()));
        assertEquals("compose.yaml:3:1: top-level object must be a mapping, not a string", second.getMessage());
    }

    @Test
    void pathsOfTheGivenFileStayRelativeForTheNormaliser() {
        String yaml = "services:\n  a:\n    build: ./app\n    env_file: .env\n    volumes: ['./data:/data']\n";
        assertEquals(Map.of("build", "./app", "env_file", ".env", "volumes", List.of("./data:/data")),
                at(assemble(yaml, false, Map.of()).get(0), "services", "a"));
    }

    @Test
    void interpolatesOnlyWhenAsked() {
        String yaml = "services:\n  a:\n    image: ${IMAGE}\n";
        assertEquals("${IMAGE}", at(assemble(yaml, false, Map.of("IMAGE", "x")).get(0), "services", "a", "image"));
        List<MapNode> docs = Assembly.needsOtherPhases(() -> assemble(yaml, true, Map.of("IMAGE", "x")));
        assertEquals("x", at(docs.get(0), "services", "a", "image"));
    }

    @Test
    void e2eOverrideFileOverAnExtendingService() {
        // docker/compose e2e TestPublish: -f compose.yaml -f compose-override.yaml (compose.yaml extends extends.yaml)
        MapNode p = Assembly.load(CORPUS.resolve("compose-e2e/fixtures/publish/oci"), "compose.yaml",
                "compose-override.yaml");
        assertEquals(Map.of("app", Map.of("image", "alpine", "env_file", "test.env")), at(p, "services"));
    }

    /** Every corpus file the manifest says loads (or loads once selected or given env) passes these phases. */
    static Stream<String> loadableCorpusFiles() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(CORPUS.resolve("manifest.json").toFile());
        List<String> out = new ArrayList<>();
        for (JsonNode e : manifest) {
            String expect = e.path("expect").asText();
            if (e.path("kind").asText().equals("compose") && expect.startsWith("load")) {
                out.add(e.path("path").asText().substring("corpus/".length()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadableCorpusFiles")
    void corpusFilesAssembleAndMerge(String file) {
        Path path = CORPUS.resolve(file);
        MapNode merged = Assembly.needsOtherPhases(() -> Assembly.load(path.getParent(),
                path.getFileName().toString()));
        assertTrue(merged.size() > 0 || file.endsWith("empty.yaml"), file);
        assertTrue(!merged.has("include"), "include is consumed");
        if (merged.get("services") instanceof MapNode services) {
            services.entries().values().forEach(s -> assertTrue(!(s instanceof MapNode m) || !m.has("extends"),
                    "extends is consumed in " + file));
        }
    }

    @Test
    void manifestErrorOfThesePhases() throws IOException {
        assertTrue(Files.exists(CORPUS.resolve("compose-go/loader/testdata/compose-include-cycle.yaml")));
        ComposeException e = assertThrows(ComposeException.class, () -> Assembly.load(
                CORPUS.resolve("compose-go/loader/testdata"), "compose-include-cycle.yaml"));
        assertTrue(e.getMessage().contains("include cycle detected"), e.getMessage());
    }
}
