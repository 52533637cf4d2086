package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The `outputContains` cases of vectors/loader-expectations.json, run through `jcompose config`. */
class ConfigExpectationsTest {
    static final Path REFERENCE = Path.of("../shared/reference").toAbsolutePath().normalize();

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(REFERENCE.resolve("vectors/loader-expectations.json")
                .toFile())) {
            if (c.has("outputContains")) {
                c.get("outputContains").fields().forEachRemaining(e -> out.add(Arguments.of(
                        c.get("name").asText() + ": " + e.getKey(), c, e.getKey(), e.getValue().asText())));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configPrints(String name, JsonNode c, String command, String expected) {
        Path fixture = REFERENCE.resolve(c.get("fixture").asText());
        Map<String, String> env = new HashMap<>();
        c.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        List<String> args = new ArrayList<>(List.of("-f", fixture.toString()));
        args.addAll(List.of(command.split(" ")));
        CliRun r = CliRun.run(fixture.getParent(), env, args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().replace('\'', '"').contains(expected), r.out());
    }
}
