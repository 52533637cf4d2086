package dev.jcompose.load.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.math.BigInteger;

/** The JSON view of a compose tree that the schema library validates; positions stay in the tree. */
final class TreeJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TreeJson() {
    }

    static JsonNode of(Node node) {
        return switch (node) {
            case MapNode m -> {
                ObjectNode o = JSON.objectNode();
                for (var e : m.entries().entrySet()) {
                    o.set(e.getKey(), of(e.getValue()));
                }
                yield o;
            }
            case SeqNode s -> {
                ArrayNode a = JSON.arrayNode(s.size());
                for (Node item : s.items()) {
                    a.add(of(item));
                }
                yield a;
            }
            case ScalarNode s -> scalar(s.value());
        };
    }

    private static JsonNode scalar(Object value) {
        return switch (value) {
            case null -> JSON.nullNode();
            case String s -> JSON.textNode(s);
            case Long l -> JSON.numberNode(l);
            case BigInteger b -> JSON.numberNode(b);
            case Double d -> JSON.numberNode(d);
            case Boolean b -> JSON.booleanNode(b);
            default -> throw new IllegalArgumentException("unsupported scalar " + value.getClass());
        };
    }
}
