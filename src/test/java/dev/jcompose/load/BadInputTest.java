package dev.jcompose.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.interpolate.Interpolator;
import dev.jcompose.load.normalize.Normalizer;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.validate.SchemaValidator;
import dev.jcompose.load.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed projects and the one error each must give: kind, a message fragment, and the
 * {@code file:line:col key.path} the message starts with.
 *
 * <p>Each row names the loader phase that owns its error. Rows of the parser and the schema run through
 * {@link YamlParser} and {@link SchemaValidator} directly; interpolation and normalisation rows call their phase
 * directly; every other row (and every row unless {@code -Djcompose.badInput.throughLoader=false}) loads the files
 * from a temporary project directory with {@link ProjectLoader}. A row whose phase is still a stub (throws
 * UnsupportedOperationException) is skipped, not failed. Once every phase has landed, the integrator flips
 * {@link #THROUGH_LOADER} to true so that the whole table runs end to end.
 */
class BadInputTest {
    /** Run every row through ProjectLoader (end to end) instead of the owning phase alone. */
    static final boolean THROUGH_LOADER = !"false".equals(System.getProperty("jcompose.badInput.throughLoader"));

    /** The loader phase whose error a row expects. */
    enum Phase {
        YAML, SCHEMA, INTERPOLATE, ENV, NORMALIZE, ASSEMBLE, GRAPH, CONSISTENCY, DISCOVER
    }

    /**
     * One malformed project.
     *
     * @param name     what is wrong, as a test name
     * @param phase    the phase that owns the error
     * @param files    file name (relative to the project directory) → content; "compose.yaml" is the main file
     * @param kind     the exception kind (the CLI maps it to the exit code)
     * @param fragment text the message must contain
     * @param location what the message must start with ({@code file:line:col key.path}); "" when the error has
     *                 no place in a file. A temporary directory prefix on the file name is ignored.
     */
    record Row(String name, Phase phase, Map<String, String> files, ComposeException.Kind kind, String fragment,
            String location) {
        Row withKind(ComposeException.Kind k) {
            return new Row(name, phase, files, k, fragment, location);
        }

        @Override
        public String toString() {
            return phase + ": " + name;
        }
    }

    static Row row(String name, Phase phase, String fragment, String location, String... nameContentPairs) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < nameContentPairs.length; i += 2) {
            files.put(nameContentPairs[i], nameContentPairs[i + 1]);
        }
        return new Row(name, phase, files, ComposeException.Kind.CONFIG, fragment, location);
    }

    static Stream<Row> rows() {
        return Stream.concat(BadInputRows.parserAndSchema(), BadInputRows.otherPhases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void failsWithOneLocatedError(Row row, @TempDir Path dir) throws IOException {
        ComposeException error = null;
        try {
            run(row, dir);
        } catch (ComposeException e) {
            error = e;
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("phase " + row.phase() + " not implemented yet: " + e.getMessage());
        }
        assertNotNull(error, "no error for " + row.name());
        String message = error.getMessage().replace(dir.toRealPath() + "/", "").replace(dir + "/", "");
        assertEquals(row.kind(), error.kind(), message);
        assertTrue(message.contains(row.fragment()), () -> "expected «" + row.fragment() + "» in: " + message);
        assertTrue(message.startsWith(row.location()), () -> "expected to start with «" + row.location()
                + "»: " + message);
    }

    @Test
    void tableIsBigAndNamesAreUnique() {
        List<Row> all = rows().toList();
        assertTrue(all.size() >= 40, all.size() + " rows");
        assertEquals(all.size(), all.stream().map(Row::name).distinct().count(), "duplicate row names");
        for (Row r : all) {
            assertTrue(r.phase() == Phase.DISCOVER || r.files().containsKey("compose.yaml"), r.name());
            assertTrue(!r.fragment().isBlank(), r.name());
        }
    }

    private static void run(Row row, Path dir) throws IOException {
        for (var f : row.files().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        if (THROUGH_LOADER) {
            loadProject(dir);
            return;
        }
        switch (row.phase()) {
            case YAML -> YamlParser.parseAll("compose.yaml", row.files().get("compose.yaml"));
            case SCHEMA -> SchemaValidator.validate(main(row));
            case INTERPOLATE -> Interpolator.interpolate(main(row), Map.of(), new Warnings());
            case NORMALIZE -> Normalizer.normalize(main(row), new Normalizer.Context("bad", dir, Map.of(), false),
                    new Warnings());
            default -> loadProject(dir);
        }
    }

    private static MapNode main(Row row) {
        return (MapNode) YamlParser.parse("compose.yaml", row.files().get("compose.yaml"));
    }

    private static void loadProject(Path dir) {
        ProjectLoader.load(LoadOptions.defaults(dir, Map.of()));
    }
}
