package dev.jcompose.load.interpolate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.load.tree.Mark;
import dev.jcompose.load.tree.Nodes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The 19 cases of vectors/extract-variables.json (config --variables). */
class VariablesVectorsTest {
    static Stream<Named<JsonNode>> cases() {
        return Vectors.cases("extract-variables.json", c -> true).stream();
    }

    @Test
    void allCasesAreCovered() {
        assertEquals(19, cases().count());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void extracts(JsonNode c) {
        Map<String, Variables.Variable> expected = new TreeMap<>();
        c.get("expected").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            expected.put(e.getKey(), new Variables.Variable(v.get("Name").asText(), v.get("DefaultValue").asText(),
                    v.get("PresenceValue").asText(), v.get("Required").asBoolean()));
        });
        var root = Nodes.fromPlain(Vectors.plain(c.get("input")), Mark.synthetic("test"));
        assertEquals(expected, Variables.extract(root));
    }

    @Test
    void laterReferenceOnTheSameLineIsReportedFirst() {
        // Compose scans "${PORT:-8080}:${PORT}" as one match whose tail is reported before its head.
        var root = Nodes.fromPlain(Map.of("ports", "${PORT:-8080}:${PORT}"), Mark.synthetic("test"));
        assertEquals(new Variables.Variable("PORT", "8080", "", false), Variables.extract(root).get("PORT"));
    }
}
