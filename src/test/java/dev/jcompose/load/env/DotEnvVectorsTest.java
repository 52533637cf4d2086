package dev.jcompose.load.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.error.ComposeException;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.Warnings;
import dev.jcompose.load.discover.ProjectSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** All 100 cases of vectors/dotenv.json, each through the production path its api names. */
class DotEnvVectorsTest {
    private static final Path VECTORS = Path.of("..", "shared", "reference", "vectors");

    @TempDir
    Path tmp;

    static Stream<Named<JsonNode>> cases() throws IOException {
        List<Named<JsonNode>> out = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(VECTORS.resolve("dotenv.json").toFile())) {
            out.add(Named.of(c.get("api").asText() + ": " + c.get("name").asText(), c));
        }
        return out.stream();
    }

    @Test
    void allCasesAreCovered() throws IOException {
        assertEquals(100, cases().count());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void vector(JsonNode c) throws IOException {
        Map<String, String> lookupEnv = strings(c.get("lookupEnv"));
        Supplier<Map<String, String>> run = switch (c.get("api").asText()) {
            case "parse" -> () -> DotEnv.parse(c.get("input").asText(), k -> null);
            case "parseWithLookup" -> () -> DotEnv.parse(c.get("input").asText(), lookupEnv::get);
            case "read", "readWithLookup" -> () -> withoutDigitKeys(
                    EnvFiles.read(file(c), true, null, lookupEnv::get));
            case "load" -> () -> load(file(c), strings(c.get("presetEnv")));
            case "getEnvFromFile" -> () -> DotEnv.readFiles(files(c.get("inputs")), lookupEnv, k -> { });
            case "projectEnvironment" -> () -> projectEnvironment(c.get("input").asText(), lookupEnv);
            default -> throw new IllegalArgumentException("unknown api " + c.get("api"));
        };
        if (c.path("error").asBoolean()) {
            ComposeException e = assertThrows(ComposeException.class, run::get);
            if (c.has("errorEquals")) {
                assertEquals(c.get("errorEquals").asText(), e.getMessage());
            }
            if (c.has("errorContains")) {
                assertTrue(e.getMessage().contains(c.get("errorContains").asText()), e.getMessage());
            }
            return;
        }
        Map<String, String> expected = strings(c.get("expected"));
        Map<String, String> actual = run.get();
        if (c.get("exact").asBoolean()) {
            assertEquals(expected, actual);
        } else {
            expected.forEach((k, v) -> assertEquals(v, actual.get(k), k));
        }
    }

    /** The fixture file when the case names one (byte for byte, BOM included), else the input written out. */
    private Path file(JsonNode c) {
        if (c.has("fixture")) {
            return VECTORS.resolve("dotenv-fixtures").resolve(c.get("fixture").asText());
        }
        return write("input.env", c.get("input").asText());
    }

    private List<Path> files(JsonNode inputs) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            out.add(write("file" + i + ".env", inputs.get(i).asText()));
        }
        return out;
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(tmp.resolve(name), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** godotenv's Read drops keys starting with a digit; compose never calls it, so the test adapts. */
    private static Map<String, String> withoutDigitKeys(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!k.stripLeading().matches("^[0-9].*")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** godotenv's Load: file values join the process environment without replacing what is set. */
    private static Map<String, String> load(Path file, Map<String, String> preset) {
        Map<String, String> env = new LinkedHashMap<>(preset);
        EnvFiles.read(file, true, null, k -> null).forEach(env::putIfAbsent);
        return env;
    }

    /** The project's .env through discovery; docker compose adds PWD when the OS environment has none. */
    private Map<String, String> projectEnvironment(String dotEnv, Map<String, String> osEnv) {
        write(".env", dotEnv);
        write("compose.yaml", "services: {}\n");
        Map<String, String> env = new LinkedHashMap<>(
                ProjectSources.resolve(LoadOptions.defaults(tmp, osEnv), new Warnings()).environment());
        assertEquals(tmp.toAbsolutePath().normalize().toString(), env.remove("PWD"));
        return env;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object != null) {
            object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
