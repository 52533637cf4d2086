package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading Docker's JSON shapes leniently, as dockerd does: absent and null are the same, a string where a list is
 * expected is a one-element list (Docker's strslice), numbers may come as strings from old clients.
 */
public final class DockerJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** Go's zero time as Docker prints it for "never". */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private DockerJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static boolean present(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    public static String text(JsonNode node, String field) {
        return present(node, field) ? node.get(field).asText() : null;
    }

    public static String text(JsonNode node, String field, String fallback) {
        String v = text(node, field);
        return v == null ? fallback : v;
    }

    /** Null when absent or null; a plain string becomes a one-element list. */
    public static List<String> strings(JsonNode node, String field) {
        if (!present(node, field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw RuntimeError.badRequest(field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asText()));
        return out;
    }

    public static List<String> stringsOrEmpty(JsonNode node, String field) {
        List<String> v = strings(node, field);
        return v == null ? List.of() : v;
    }

    public static Map<String, String> stringMap(JsonNode node, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (present(node, field)) {
            node.get(field).properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? ""
                    : e.getValue().asText()));
        }
        return out;
    }

    public static Long longOrNull(JsonNode node, String field) {
        if (!present(node, field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v.isNumber()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            throw RuntimeError.badRequest("invalid value for " + field + ": " + v.asText());
        }
    }

    /** A positive number, or null when absent or zero (Docker's "not set"). */
    public static Long positiveOrNull(JsonNode node, String field) {
        Long v = longOrNull(node, field);
        return v == null || v == 0 ? null : v;
    }

    public static boolean bool(JsonNode node, String field) {
        return present(node, field) && node.get(field).asBoolean();
    }

    public static ArrayNode array(List<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        if (values != null) {
            values.forEach(a::add);
        }
        return a;
    }

    /** Docker's timestamp format (RFC 3339 with nanoseconds, UTC); the zero time for null. */
    public static String time(Instant t) {
        return t == null ? ZERO_TIME : t.toString();
    }

    public static Instant parseTime(String text) {
        if (text == null || text.isEmpty() || text.equals(ZERO_TIME)) {
            return null;
        }
        return Instant.parse(text);
    }
}
