package dev.jcompose.graph;

import static dev.jcompose.graph.TestProjects.project;
import static dev.jcompose.graph.TestProjects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The depends_on cycle cases of the reference loader expectations: the corpus file's services and depends_on are
 * turned into a hand-built project (the loader is not involved) and the graph must fail with compose-go's exact
 * message.
 */
class CorpusCycleTest {
    private static final Path REFERENCE = Path.of("../shared/reference");

    static Stream<Arguments> cycleCases() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(REFERENCE.resolve("vectors/loader-expectations.json").toFile());
        List<Arguments> result = new ArrayList<>();
        for (JsonNode c : cases) {
            String fixture = c.path("fixture").asText("");
            if (fixture.contains("depends-on") && c.has("errorEquals")) {
                result.add(Arguments.of(c.get("name").asText(), fixture, c.get("errorEquals").asText()));
            }
        }
        assertFalse(result.isEmpty(), "no depends_on cycle case in loader-expectations.json");
        return result.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cycleCases")
    @SuppressWarnings("unchecked")
    void cycleMessageMatchesComposeGo(String name, String fixture, String expected) throws IOException {
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(REFERENCE.resolve(fixture)));
        TestProjects.ProjectBuilder p = project("cycle");
        ((Map<String, Map<String, Object>>) doc.get("services")).forEach((svc, def) -> {
            TestProjects.ServiceBuilder s = service(svc);
            Object deps = def.get("depends_on");
            if (deps instanceof List<?> list) {
                list.forEach(d -> s.dependsOn((String) d));
            } else if (deps instanceof Map<?, ?> map) {
                map.keySet().forEach(d -> s.dependsOn((String) d));
            }
            p.service(s);
        });
        ComposeException e = assertThrows(ComposeException.class, () -> ProjectGraph.of(p.build()));
        assertEquals(expected, e.getMessage());
    }
}
