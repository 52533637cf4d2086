package dev.jcompose.load.validate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real compose files (awesome-compose, compose-go and docker/compose fixtures) that the manifest marks loadable
 * and valid against compose-go's schema must be valid against ours too, straight after the YAML parse. Files
 * whose values contain ${VAR} templates are skipped: only their interpolated form is meaningful to a schema.
 */
class CorpusSchemaTest {
    static final Path REFERENCE = Path.of("../shared/reference");
    /** $VAR or ${...} not escaped as $$. */
    private static final Pattern TEMPLATE = Pattern.compile("(?<!\\$)\\$(\\{|[A-Za-z_])");

    static List<JsonNode> manifest() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        new ObjectMapper().readTree(REFERENCE.resolve("corpus/manifest.json").toFile()).forEach(entries::add);
        return entries;
    }

    static boolean validForComposeGo(JsonNode e) {
        return e.path("schemaValid").path("compose-go").asBoolean(false);
    }

    static Stream<Arguments> loadable() throws IOException {
        return manifest().stream()
                .filter(e -> e.path("expect").asText().equals("load") && validForComposeGo(e))
                .map(e -> e.path("path").asText())
                .filter(p -> !TEMPLATE.matcher(read(p)).find())
                .map(Arguments::of);
    }

    static Stream<Arguments> rejected() throws IOException {
        return manifest().stream()
                .filter(e -> e.path("kind").asText().equals("compose") && e.has("schemaValid") && !validForComposeGo(e))
                .map(e -> Arguments.of(e.path("path").asText(), e.path("errorContains").asText("")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadable")
    void loadableFilesAreValid(String path) {
        for (Node doc : YamlParser.parseAll(path, read(path))) {
            assertDoesNotThrow(() -> SchemaValidator.validate((MapNode) doc));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void filesTheSpecificationRejectsAreRejected(String path, String errorContains) {
        MapNode doc = (MapNode) YamlParser.parse(path, read(path));
        ComposeException e = assertThrows(ComposeException.class, () -> SchemaValidator.validate(doc));
        assertTrue(e.getMessage().startsWith(path + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(errorContains), e.getMessage());
    }

    @Test
    void mostOfTheCorpusIsChecked() throws IOException {
        long checked = loadable().count();
        assertTrue(checked >= 240, "only " + checked + " corpus files validated");
        assertTrue(rejected().count() >= 2, "the manifest should list files the schema rejects");
    }

    static String read(String path) {
        try {
            return Files.readString(REFERENCE.resolve(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
