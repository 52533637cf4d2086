package dev.jcompose.load.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.load.Warnings;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * vectors/normalize.json: compose-go's Normalize cases. Their inputs are short syntax and their expected trees
 * are compose-go's intermediate (pre-typing) form, so both sides are taken to jcompose's canonical form and
 * compared as maps: the input must gain exactly what the expected tree spells out (names, default network,
 * implicit dependencies, build defaults, resolved environment).
 */
class NormalizeVectorsTest {
    static final Path VECTORS = Path.of("../shared/reference/vectors/normalize.json");

    static Stream<Arguments> cases() throws IOException {
        JsonNode all = new ObjectMapper().readTree(VECTORS.toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : all) {
            Map<String, String> env = new HashMap<>();
            c.get("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            out.add(Arguments.of(c.get("name").asText(), c.get("input").asText(), c.get("expected").asText(), env));
        }
        return out.stream();
    }

    static Object normalize(String yaml, Map<String, String> env) {
        MapNode root = (MapNode) YamlParser.parse("compose.yaml", yaml);
        Normalizer.Context ctx = new Normalizer.Context("myProject", Path.of("/project"), env, false);
        return Nodes.toPlain(Normalizer.normalize(root, ctx, new Warnings()));
    }

    static Object canonicalOnly(String yaml, Map<String, String> env) {
        MapNode root = (MapNode) YamlParser.parse("compose.yaml", yaml);
        Normalizer.Context ctx = new Normalizer.Context("myProject", Path.of("/project"), env, false, false, false,
                true);
        return Nodes.toPlain(Normalizer.normalize(root, ctx, new Warnings()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inputNormalizesToExpected(String name, String input, String expected, Map<String, String> env) {
        Object actual = normalize(input, env);
        assertEquals(normalize(expected, env), actual);
        // The case must exercise normalisation: without it the input would not reach the expected tree.
        assertNotEquals(canonicalOnly(expected, env), canonicalOnly(input, env));
    }
}
