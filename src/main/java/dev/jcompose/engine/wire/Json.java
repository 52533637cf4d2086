package dev.jcompose.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Null-tolerant readers and writers for Docker's JSON (absent, null and empty are all "not set"). Trees are read
 * and written with jackson-core alone ({@link JsonTrees}): an ObjectMapper's first construction initialises
 * Jackson's date formats, and with them the JDK's locale and calendar data (~20 ms of every command's start-up);
 * {@link #mapper()} is there for the rare callers that need data binding.
 */
public final class Json {

    /** Go's zero time, which Docker prints for "never". */
    private static final String ZERO_TIME_PREFIX = "0001-01-01";

    private Json() {
    }

    /** An ObjectMapper, built on first use (see the class comment). */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    public static JsonNode parse(String text) {
        try {
            return JsonTrees.read(text);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON from engine: " + e.getMessage(), e);
        }
    }

    /** Compact JSON text of a tree, as ObjectMapper writes it (also what {@code JsonNode.toString()} gives). */
    public static String write(JsonNode node) {
        return JsonTrees.write(node);
    }

    /** UTF-8 bytes of {@link #write}. */
    public static byte[] bytes(JsonNode node) {
        return JsonTrees.write(node).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** The field's text, or null when absent/null/empty. */
    public static String textOrNull(JsonNode node, String field) {
        String text = text(node, field);
        return text.isEmpty() ? null : text;
    }

    public static long number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? 0 : value.asLong();
    }

    public static boolean bool(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.asBoolean(false);
    }

    public static List<String> strings(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        List<String> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(item -> out.add(item.asText()));
        } else if (value != null && value.isTextual()) {
            out.add(value.asText());
        }
        return out;
    }

    /** String array, or null when the field is absent or null (Cmd/Entrypoint: unset differs from empty). */
    public static List<String> stringsOrNull(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : strings(node, field);
    }

    public static Map<String, String> stringMap(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (value != null && value.isObject()) {
            value.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return out;
    }

    /** The keys of an object field such as ExposedPorts {"80/tcp": {}}. */
    public static List<String> keys(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        List<String> out = new ArrayList<>();
        if (value != null && value.isObject()) {
            value.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    /** RFC 3339 time, or null for absent/zero ("0001-01-01T00:00:00Z"). */
    public static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        if (text.isEmpty() || text.startsWith(ZERO_TIME_PREFIX)) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /** Unix seconds (list responses), or null for 0. */
    public static Instant epochSeconds(JsonNode node, String field) {
        long seconds = number(node, field);
        return seconds == 0 ? null : Instant.ofEpochSecond(seconds);
    }

    /** Go durations travel as nanoseconds; 0 means "inherit / default". */
    public static Duration nanos(JsonNode node, String field) {
        long n = number(node, field);
        return n == 0 ? null : Duration.ofNanos(n);
    }

    // --- writers: omit what is not set, so the engine applies its defaults ---

    public static void put(ObjectNode target, String field, String value) {
        if (value != null && !value.isEmpty()) {
            target.put(field, value);
        }
    }

    public static void put(ObjectNode target, String field, Long value) {
        if (value != null) {
            target.put(field, value);
        }
    }

    public static void putTrue(ObjectNode target, String field, boolean value) {
        if (value) {
            target.put(field, true);
        }
    }

    public static void putStrings(ObjectNode target, String field, Collection<String> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode array = target.putArray(field);
            values.forEach(array::add);
        }
    }

    /** Sorted, so equal maps give byte-equal bodies. */
    public static void putMap(ObjectNode target, String field, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            ObjectNode object = target.putObject(field);
            new TreeMap<>(values).forEach(object::put);
        }
    }

    public static void putNanos(ObjectNode target, String field, Duration value) {
        if (value != null) {
            target.put(field, value.toNanos());
        }
    }
}
