package dev.jcompose.load.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Mark;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.SeqNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One schema violation resolved back to the compose tree: the node it is about (for unknown, missing and
 * misnamed keys: the mapping that holds them), its key path, and the schema object whose keyword failed.
 *
 * @param keyword      the failed JSON-schema keyword ("type", "additionalProperties", ...)
 * @param message      the library's message, used as a fallback wording
 * @param node         the compose node the violation is about (null when the path cannot be followed)
 * @param path         the key path of that node
 * @param evaluation   the keyword's evaluation path through the schema (tells oneOf branches apart)
 * @param schema       the schema object that holds the keyword
 * @param keywordValue the keyword's value in that schema object
 * @param property     the key concerned for additionalProperties, propertyNames and required, else null
 * @param types        for type violations: the JSON types allowed here
 */
record Violation(String keyword, String message, Node node, KeyPath path, JsonNodePath evaluation, JsonNode schema,
        JsonNode keywordValue, String property, Set<String> types) {

    static Violation of(ValidationMessage m, MapNode root, JsonNode rawSchema) {
        JsonNodePath instance = m.getInstanceLocation();
        Node node = root;
        KeyPath path = KeyPath.ROOT;
        for (int i = 0; i < instance.getNameCount() && node != null; i++) {
            Object segment = instance.getElement(i);
            if (segment instanceof Integer index && node instanceof SeqNode seq && index < seq.size()) {
                node = seq.get(index);
                path = path.index(index);
            } else if (node instanceof MapNode map && map.has(segment.toString())) {
                node = map.get(segment.toString());
                path = path.key(segment.toString());
            } else {
                node = null;
            }
        }
        JsonNodePath fragment = m.getSchemaLocation().getFragment();
        JsonNode schema = rawSchema;
        JsonNode keywordValue = MissingNode.getInstance();
        for (int i = 0; i < fragment.getNameCount(); i++) {
            Object segment = fragment.getElement(i);
            JsonNode next = segment instanceof Integer index ? schema.path(index) : schema.path(segment.toString());
            if (i == fragment.getNameCount() - 1) {
                keywordValue = next;
            } else {
                schema = next;
            }
        }
        if (keywordValue.path("$ref").asText().startsWith("#/")) {
            // propertyNames: {"$ref": ...}: the words for the error live in the referenced schema
            keywordValue = rawSchema.at(keywordValue.path("$ref").asText().substring(1));
        }
        return new Violation(m.getType(), m.getMessage(), node, path, m.getEvaluationPath(), schema, keywordValue,
                m.getProperty(), m.getType().equals("type") ? typeNames(keywordValue) : Set.of());
    }

    /** Where the message points: the key for errors about a key of a mapping, else the value. */
    Mark place() {
        if (node instanceof MapNode m && property != null && !keyword.equals("required")) {
            return m.keyMark(property);
        }
        return node == null ? Mark.UNKNOWN : node.mark();
    }

    /** A violation made up by the picker (e.g. a value that matches none of a oneOf's types). */
    Violation withTypes(String newKeyword, Set<String> newTypes) {
        return new Violation(newKeyword, message, node, path, evaluation, schema, keywordValue, property, newTypes);
    }

    private static Set<String> typeNames(JsonNode type) {
        Set<String> names = new LinkedHashSet<>();
        if (type.isArray()) {
            type.forEach(t -> names.add(t.asText()));
        } else if (type.isTextual()) {
            names.add(type.asText());
        }
        return names;
    }
}
