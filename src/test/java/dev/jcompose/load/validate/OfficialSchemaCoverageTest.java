package dev.jcompose.load.validate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Mark;
import dev.jcompose.load.tree.Nodes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our schema must accept everything the Compose Specification (compose-go's 2020-12 schema) accepts: for every
 * property path of the official schema, and every alternative form of its value, a minimal document using it is
 * generated, checked valid against the official schema (so the generator is honest) and then against ours.
 */
class OfficialSchemaCoverageTest {
    static final Path OFFICIAL = Path.of("../shared/reference/compose-spec/compose-spec.compose-go.json");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Map keys tried, in order, against a patternProperties regex. */
    private static final List<String> SAMPLE_KEYS = List.of("sample", "x-sample");
    /**
     * String values for properties where a bare word is not a valid value in docker compose (and our schema says
     * so): durations, byte sizes, restart and pull policies.
     */
    private static final Map<String, String> STRING_SAMPLES = Map.ofEntries(
            Map.entry("restart", "unless-stopped"), Map.entry("pull_policy", "always"),
            Map.entry("interval", "10s"), Map.entry("timeout", "10s"), Map.entry("start_period", "10s"),
            Map.entry("start_interval", "10s"), Map.entry("stop_grace_period", "10s"), Map.entry("delay", "10s"),
            Map.entry("monitor", "10s"), Map.entry("window", "10s"), Map.entry("mem_limit", "64m"),
            Map.entry("mem_reservation", "64m"), Map.entry("shm_size", "64m"), Map.entry("memory", "64m"),
            Map.entry("size", "64m"));

    static JsonNode official;

    @BeforeAll
    static void load() throws IOException {
        official = new ObjectMapper().readTree(OFFICIAL.toFile());
    }

    /** A display path such as services.sample.build{object}.args[]{string}, and the document using it. */
    record Case(String path, JsonNode document) {
    }

    static Stream<Arguments> cases() throws IOException {
        load();
        List<Case> out = new ArrayList<>();
        walk(official, "", UnaryOperator.identity(), null, out, 0);
        return out.stream().map(c -> Arguments.of(c.path(), c.document()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oursAcceptsWhatTheSpecificationAccepts(String path, JsonNode document) {
        Set<ValidationMessage> officialErrors = officialSchema().validate(document);
        assertTrue(officialErrors.isEmpty(), "generator produced an invalid document: " + officialErrors + " "
                + document);
        MapNode tree = (MapNode) Nodes.fromPlain(new ObjectMapper().convertValue(document, Map.class),
                new Mark("generated.yaml", 1, 1));
        assertDoesNotThrow(() -> SchemaValidator.validate(tree), () -> "document: " + document);
    }

    @Test
    void walkReachesEveryCornerOfTheSpecification() throws IOException {
        List<String> paths = cases().map(a -> (String) a.get()[0]).toList();
        assertTrue(paths.size() > 700, "only " + paths.size() + " cases");
        for (String expected : List.of("services.sample.pre_start[].per_replica{string}",
                "models.sample.runtime_flags[]{string}", "services.sample.models{object}.sample{null}",
                "services.sample.develop{object}.watch[].exec.command{array}[]{string}", "x-sample{string}",
                "services.sample.deploy{object}.resources.reservations.devices[].options{object}.sample{null}")) {
            assertTrue(paths.contains(expected), expected + " not among " + paths.size() + " generated paths");
        }
        assertEquals(paths.size(), Set.copyOf(paths).size(), "duplicate case names");
    }

    private static JsonSchema officialSchema() {
        return Holder.SCHEMA;
    }

    private static final class Holder {
        /** Its relative "$id" is rejected by the library; without it, local $refs resolve the same way. */
        static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(((ObjectNode) official.deepCopy()).without("$id"));
    }

    /**
     * Emits one case per alternative form (oneOf branch x JSON type) of the value at this path, then descends into
     * object properties, pattern properties and array items.
     *
     * @param wrap puts a value for this path into a whole, otherwise minimal, document
     */
    static void walk(JsonNode schema, String path, UnaryOperator<JsonNode> wrap, String propertyName,
            List<Case> out, int depth) {
        if (depth > 25) {
            throw new IllegalStateException("schema recursion at " + path);
        }
        schema = deref(schema);
        List<JsonNode> alternatives = new ArrayList<>();
        if (schema.has("oneOf") || schema.has("anyOf")) {
            schema.path(schema.has("oneOf") ? "oneOf" : "anyOf").forEach(b -> alternatives.add(deref(b)));
        } else {
            alternatives.add(schema);
        }
        for (JsonNode alt : alternatives) {
            for (String type : types(alt)) {
                String here = path + "{" + type + "}";
                if (!type.equals("object") && !type.equals("array")) {
                    out.add(new Case(here, wrap.apply(scalar(alt, type, propertyName))));
                    continue;
                }
                JsonNode minimal = minimal(alt, type, propertyName);
                out.add(new Case(here, wrap.apply(minimal)));
                // Name the path without {object}/{array} when the value has a single form, as users write it.
                String base = alternatives.size() == 1 && types(alt).size() == 1 ? path : here;
                if (type.equals("object")) {
                    alt.path("properties").properties().forEach(p -> walk(p.getValue(), dot(base, p.getKey()),
                            v -> wrap.apply(((ObjectNode) minimal.deepCopy()).set(p.getKey(), v)), p.getKey(), out,
                            depth + 1));
                    alt.path("patternProperties").properties().forEach(p -> {
                        String key = sampleKey(p.getKey());
                        walk(p.getValue(), dot(base, key),
                                v -> wrap.apply(((ObjectNode) minimal.deepCopy()).set(key, v)), key, out, depth + 1);
                    });
                } else if (alt.has("items")) {
                    walk(alt.get("items"), base + "[]", v -> wrap.apply(JSON.arrayNode().add(v)), propertyName, out,
                            depth + 1);
                }
            }
        }
    }

    private static String dot(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static JsonNode deref(JsonNode schema) {
        while (schema.has("$ref")) {
            schema = official.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }

    private static List<String> types(JsonNode schema) {
        JsonNode t = schema.path("type");
        if (t.isTextual()) {
            return List.of(t.asText());
        }
        if (t.isArray()) {
            List<String> out = new ArrayList<>();
            t.forEach(x -> out.add(x.asText()));
            return out;
        }
        if (schema.has("properties") || schema.has("patternProperties")) {
            return List.of("object");
        }
        return schema.has("items") ? List.of("array") : List.of("string");
    }

    /** The smallest valid value of the given type: required keys filled in, lists empty. */
    private static JsonNode minimal(JsonNode schema, String type, String propertyName) {
        if (type.equals("array")) {
            return JSON.arrayNode();
        }
        ObjectNode o = JSON.objectNode();
        for (JsonNode required : schema.path("required")) {
            JsonNode child = deref(schema.path("properties").path(required.asText()));
            if (child.has("oneOf")) {
                child = deref(child.get("oneOf").get(0));
            }
            String childType = types(child).getFirst();
            o.set(required.asText(), childType.equals("object") || childType.equals("array")
                    ? minimal(child, childType, required.asText()) : scalar(child, childType, required.asText()));
        }
        return o;
    }

    /** A scalar such as an interpolated value would be: "true" where booleans are allowed, "1" for numbers. */
    private static JsonNode scalar(JsonNode schema, String type, String propertyName) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        List<String> all = types(schema);
        return switch (type) {
            case "null" -> JSON.nullNode();
            case "boolean" -> JSON.booleanNode(true);
            case "integer", "number" -> JSON.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            default -> JSON.textNode(STRING_SAMPLES.containsKey(propertyName) ? STRING_SAMPLES.get(propertyName)
                    : all.contains("boolean") ? "true" : all.contains("integer") || all.contains("number") ? "1"
                    : "abc");
        };
    }

    private static String sampleKey(String regex) {
        Pattern p = Pattern.compile(regex);
        return SAMPLE_KEYS.stream().filter(k -> p.matcher(k).find()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sample key for " + regex));
    }
}
