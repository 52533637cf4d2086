package dev.jcompose.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.load.normalize.Normalizer;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.yaml.YamlParser;
import dev.jcompose.model.Service;
import dev.jcompose.state.ConfigHash;
import dev.jcompose.testing.Stubs;
import dev.jcompose.testing.TreeDiff;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Every loadable corpus file: its canonical tree binds, hashes, and is a fixed point of the normaliser (printing
 * it and normalising the print again changes nothing), which is what makes `config` output a valid input.
 */
class CorpusCanonicalTest {
    static final Path REFERENCE = Path.of("../shared/reference").toAbsolutePath().normalize();

    static Stream<Arguments> files() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(REFERENCE.resolve("corpus/manifest.json").toFile())) {
            // The schema fixture is meant to be validated uninterpolated ("${VARIABLE}" everywhere).
            if ("load".equals(e.path("expect").asText()) && !e.get("path").asText().contains("compose-go/schema/")) {
                out.add(Arguments.of(e.get("path").asText()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void canonicalTreeIsAFixedPoint(String file) {
        Path path = REFERENCE.resolve(file);
        // Variables the e2e fixtures expect their test to set; consistency is the e2e tests' business (several
        // fixtures are fragments or deliberately inconsistent), the canonical form is this test's.
        Map<String, String> env = Map.of("HOME", "/home/tester", "FILE", "./file.txt", "FIXED_NAME", "fixed");
        LoadOptions options = LoadOptions.defaults(path.getParent(), env).withFiles(List.of(path.toString()))
                .withSwitches(true, true, true, false);
        ProjectLoader.Loaded loaded = Stubs.unlessStub(() -> ProjectLoader.load(options));
        for (Service s : loaded.project().services().values()) {
            assertNotNull(ConfigHash.of(s));
        }
        String printed = new Dump(DumpSettings.builder().setSchema(new CoreSchema()).build())
                .dumpToString(Nodes.toPlain(loaded.canonical()));
        MapNode reparsed = (MapNode) YamlParser.parse("printed.yaml", printed);
        String name = loaded.project().name();
        MapNode again = Normalizer.normalize(reparsed, new Normalizer.Context(name, loaded.sources().projectDir(),
                loaded.sources().environment(), false), new Warnings());
        assertEquals(List.of(), TreeDiff.diff(Nodes.toPlain(loaded.canonical()), Nodes.toPlain(again)));
    }
}
