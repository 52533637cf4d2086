package dev.jcompose.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generator inputs → expected config.json under src/test/resources/runtime/oci. Compared as JSON trees.
 * After an intended change, regenerate with -Djcompose.updateGoldens=true and review the diff.
 */
class OciSpecGoldenTest {
    private static final Path GOLDEN_DIR = Path.of("src/test/resources/runtime/oci");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain", (Supplier<ContainerConfig>) OciFixtures::plain),
                Arguments.of("restricted", (Supplier<ContainerConfig>) OciFixtures::restricted),
                Arguments.of("privileged-host", (Supplier<ContainerConfig>) OciFixtures::privilegedHost));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatesTheGoldenConfig(String name, Supplier<ContainerConfig> input) throws IOException {
        String generated = OciFixtures.generator().generateJson("jct-" + name, input.get());
        Path golden = GOLDEN_DIR.resolve(name + ".json");
        if (Boolean.getBoolean("jcompose.updateGoldens")) {
            Files.writeString(golden, generated);
        }
        JsonNode expected = JSON.readTree(Files.readString(golden));
        assertEquals(expected, JSON.readTree(generated), "config.json for " + name + " differs from " + golden);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isDeterministic(String name, Supplier<ContainerConfig> input) {
        assertEquals(OciFixtures.generator().generateJson("jct-x", input.get()),
                OciFixtures.generator().generateJson("jct-x", input.get()));
    }
}
