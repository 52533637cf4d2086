package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's {@code filters} query parameter: {@code {"label": ["a=b"]}}, or the older map form
 * {@code {"label": {"a=b": true}}} that docker-py and old CLIs send. Unknown keys are a 400, like dockerd.
 */
final class Filters {
    private final Map<String, List<String>> values;

    private Filters(Map<String, List<String>> values) {
        this.values = values;
    }

    static Filters of(ApiRequest request, Set<String> allowed) {
        JsonNode node = request.jsonQuery("filters");
        Map<String, List<String>> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (!allowed.contains(e.getKey())) {
                throw RuntimeError.badRequest("invalid filter '" + e.getKey() + "'");
            }
            List<String> list = new ArrayList<>();
            JsonNode v = e.getValue();
            if (v.isArray()) {
                v.forEach(x -> list.add(x.asText()));
            } else if (v.isObject()) {
                v.properties().forEach(x -> {
                    if (x.getValue().asBoolean(true)) {
                        list.add(x.getKey());
                    }
                });
            } else if (!v.isNull()) {
                list.add(v.asText());
            }
            out.put(e.getKey(), list);
        });
        return new Filters(out);
    }

    List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    boolean has(String key) {
        return !get(key).isEmpty();
    }

    Map<String, List<String>> asMap() {
        return values;
    }

    /** Any of the values of {@code key} satisfies the test (no values: true). Docker ORs values of one key. */
    boolean anyOf(String key, java.util.function.Predicate<String> test) {
        List<String> v = get(key);
        return v.isEmpty() || v.stream().anyMatch(test);
    }

    /** Docker's label filter: every value ("key" or "key=value") must match (AND). */
    static boolean labelsMatch(List<String> filters, Map<String, String> labels) {
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq < 0) {
                if (!labels.containsKey(f)) {
                    return false;
                }
            } else if (!f.substring(eq + 1).equals(labels.get(f.substring(0, eq)))) {
                return false;
            }
        }
        return true;
    }
}
