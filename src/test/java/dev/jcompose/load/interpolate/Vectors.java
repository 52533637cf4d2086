package dev.jcompose.load.interpolate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Named;

/** Reads the shared reference vectors (never copied into the repository). */
final class Vectors {
    static final Path DIR = Path.of("..", "shared", "reference", "vectors");

    private Vectors() {
    }

    static List<Named<JsonNode>> cases(String file, Predicate<JsonNode> filter) {
        try {
            JsonNode all = new ObjectMapper().readTree(DIR.resolve(file).toFile());
            List<Named<JsonNode>> out = new ArrayList<>();
            for (JsonNode c : all) {
                if (filter.test(c)) {
                    out.add(Named.of(c.get("name").asText(), c));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object != null) {
            object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    static Object plain(JsonNode node) {
        return new ObjectMapper().convertValue(node, Object.class);
    }
}
