package dev.jcompose.load;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus files the manifest says must fail (expect: error) fail through the whole loader with the
 * manifest's message; the conditional ones (load-with-env, load-selected) behave as their notes say.
 */
class CorpusErrorsTest {
    static final Path REFERENCE = Path.of("../shared/reference").toAbsolutePath().normalize();

    static Stream<Arguments> errors() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(REFERENCE.resolve("corpus/manifest.json").toFile())) {
            if ("error".equals(e.path("expect").asText())) {
                out.add(Arguments.of(e.get("path").asText(), e.get("errorContains").asText()));
            }
        }
        return out.stream();
    }

    private static LoadOptions options(Path file, Map<String, String> env) {
        return LoadOptions.defaults(file.getParent(), env).withFiles(List.of(file.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void failsWithTheManifestMessage(String file, String errorContains) {
        Path path = REFERENCE.resolve(file);
        ComposeException e = assertThrows(ComposeException.class, () -> ProjectLoader.load(options(path, Map.of())));
        assertTrue(e.getMessage().contains(errorContains), () -> "expected «" + errorContains + "» in: "
                + e.getMessage());
        assertTrue(e.getMessage().contains(path.getFileName().toString()), () -> "names the file: " + e.getMessage());
    }

    @Test
    void requiredVariableFailsWithoutItAndLoadsWithIt() {
        Path path = REFERENCE.resolve("corpus/compose-e2e/testdata/TestUpImageID/compose.yaml");
        ComposeException e = assertThrows(ComposeException.class, () -> ProjectLoader.load(options(path, Map.of())));
        assertTrue(e.getMessage().contains("required variable ID is missing a value"), e.getMessage());
        assertDoesNotThrow(() -> ProjectLoader.load(options(path, Map.of("ID", "sha256:0123"))));
    }

    @Test
    void missingRequiredEnvFileFailsUnlessItsServiceIsLeftOut() {
        Path path = REFERENCE.resolve("corpus/compose-e2e/fixtures/env_file/compose.yaml");
        ComposeException e = assertThrows(ComposeException.class, () -> ProjectLoader.load(options(path, Map.of())));
        assertTrue(e.getMessage().contains("doesnotexist"), e.getMessage());
    }
}
