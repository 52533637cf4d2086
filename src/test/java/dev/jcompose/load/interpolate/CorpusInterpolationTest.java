package dev.jcompose.load.interpolate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.error.ComposeException;
import dev.jcompose.load.Warnings;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real compose file that compose loads also interpolates here, with an empty environment. */
class CorpusInterpolationTest {
    private static final Path REFERENCE = Path.of("..", "shared", "reference");
    /** compose-go validates this one against the schema without interpolating it: ${VARIABLE} everywhere. */
    private static final String SCHEMA_ONLY = "corpus/compose-go/schema/using-variables.yaml";

    static Stream<Named<Path>> loadable() throws IOException {
        List<Named<Path>> out = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(REFERENCE.resolve("corpus/manifest.json").toFile())) {
            String expect = e.path("expect").asText();
            if (e.get("path").asText().equals(SCHEMA_ONLY)) {
                continue;
            }
            if (expect.equals("load") || expect.equals("load-selected") || expect.equals("load-without-validation")) {
                out.add(Named.of(e.get("path").asText(), REFERENCE.resolve(e.get("path").asText())));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("loadable")
    void interpolates(Path file) throws IOException {
        String label = file.getFileName().toString();
        for (Node doc : YamlParser.parseAll(label, Files.readString(file))) {
            if (doc instanceof MapNode root) {
                MapNode out = Interpolator.interpolate(root, Map.of(), new Warnings());
                assertEquals(root.keys(), out.keys());
            }
        }
    }

    @Test
    void schemaOnlyFixtureFailsToCastAnUnsetVariableAsComposeWould() throws IOException {
        MapNode root = (MapNode) YamlParser.parse("using-variables.yaml",
                Files.readString(REFERENCE.resolve(SCHEMA_ONLY)));
        ComposeException e = assertThrows(ComposeException.class,
                () -> Interpolator.interpolate(root, Map.of(), new Warnings()));
        assertEquals("using-variables.yaml:6:17 services.foo.deploy.replicas: failed to cast to expected type: "
                + "\"\" is not an integer", e.getMessage());
    }

    @Test
    void requiredVariableOfTheCorpusFailsWithComposeMessage() throws IOException {
        Path file = REFERENCE.resolve("corpus/compose-e2e/testdata/TestUpImageID/compose.yaml");
        MapNode root = (MapNode) YamlParser.parse("compose.yaml", Files.readString(file));
        ComposeException e = assertThrows(ComposeException.class,
                () -> Interpolator.interpolate(root, Map.of(), new Warnings()));
        assertTrue(e.getMessage().contains("required variable ID is missing a value: ID variable must be set"),
                e.getMessage());
        Interpolator.interpolate(root, Map.of("ID", "sha256:0"), new Warnings());
    }
}
