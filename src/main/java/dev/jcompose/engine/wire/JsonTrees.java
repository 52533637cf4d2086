package dev.jcompose.engine.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text ⇄ JsonNode trees giving the same trees and the same text as ObjectMapper.readTree /
 * writeValueAsString with default settings, without building a mapper: {@link JsonReader} reads, jackson-core's
 * generator writes.
 */
final class JsonTrees {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTrees() {
    }

    /** The tree of {@code text}; blank text gives a MissingNode, as readTree does. */
    static JsonNode read(String text) throws IOException {
        JsonNode tree = JsonReader.read(text);
        return tree == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : tree;
    }

    static String write(JsonNode node) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : node) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case NUMBER -> number(g, node);
            case BINARY -> g.writeBinary(node.binaryValue());
            case POJO -> g.writeRawValue(Json.mapper().writeValueAsString(
                    ((com.fasterxml.jackson.databind.node.POJONode) node).getPojo()));
        }
    }

    private static void number(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isInt() || node.isShort()) {
            g.writeNumber(node.intValue());
        } else if (node.isLong()) {
            g.writeNumber(node.longValue());
        } else if (node.isBigInteger()) {
            g.writeNumber(node.bigIntegerValue());
        } else if (node.isFloat()) {
            g.writeNumber(node.floatValue());
        } else if (node.isBigDecimal()) {
            g.writeNumber(node.decimalValue());
        } else {
            g.writeNumber(node.doubleValue());
        }
    }
}
