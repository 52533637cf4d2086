package dev.jcompose.load.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.load.Warnings;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.jcompose.testing.TreeDiff;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The full-example golden: compose-go's printed model of corpus/compose-go/loader/full-example.yml (loaded with
 * SkipNormalization, so no default network or names). The input is fed already merged; its only variable,
 * ${COMPOSE_PROJECT_NAME}, is substituted here in place of the interpolation phase.
 */
class FullExampleNormalizeTest {
    static final Path DIR = Path.of("../shared/reference/corpus/compose-go/loader").toAbsolutePath().normalize();
    static final String NAME = "full_example_project_name";

    static MapNode input() throws IOException {
        String text = Files.readString(DIR.resolve("full-example.yml")).replace("${COMPOSE_PROJECT_NAME}", NAME);
        return (MapNode) YamlParser.parse("full-example.yml", text);
    }

    static Object expected(String workingDir, String home) throws IOException {
        String text = Files.readString(DIR.resolve("full-example.expected.yaml"))
                .replace("__WORKING_DIR__", workingDir).replace("__HOME_DIR__", home);
        return Nodes.toPlain(YamlParser.parse("full-example.expected.yaml", text));
    }

    static Object normalize(boolean resolvePaths, String home) throws IOException {
        Map<String, String> env = Map.of("HOME", home, "BAR", "this is a secret", "QUX", "qux_from_environment");
        Normalizer.Context ctx = new Normalizer.Context(NAME, DIR, env, resolvePaths, false, false, true);
        return Nodes.toPlain(Normalizer.normalize(input(), ctx, new Warnings()));
    }

    /** Runs the supplier, skipping the test while a phase it needs from another engineer is still a stub. */
    static <T> T unlessStub(Supplier<T> s) {
        try {
            return s.get();
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "phase not implemented yet: " + e.getMessage());
            return null;
        }
    }

    @Test
    void relativePathsKeptMatchTheGoldenWithRelativePlaceholders() throws IOException {
        Object actual = unlessStub(() -> {
            try {
                return normalize(false, "~");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(List.of(), TreeDiff.diff(expected(".", "~"), actual));
    }

    @Test
    void resolvedPathsMatchTheGolden() throws IOException {
        String home = "/home/tester";
        Object actual = unlessStub(() -> {
            try {
                return normalize(true, home);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(List.of(), TreeDiff.diff(expected(DIR.toString(), home), actual));
    }
}
