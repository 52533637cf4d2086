package dev.jcompose.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;

/**
 * A strict JSON (RFC 8259) reader giving the trees ObjectMapper.readTree gives (int, long or BigInteger nodes for
 * integers, double nodes for the rest), for the engine's answers. Not Jackson's parser: its class initialisation
 * initialises java.math.BigDecimal, which in JDK 25 computes 5^65536 when its class is initialised (tens of ms of
 * CPU and a fork-join pool at every start, before the first answer could be read).
 */
final class JsonReader {
    /** As Jackson's default StreamReadConstraints: deeper documents are refused, never a stack overflow. */
    private static final int MAX_DEPTH = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private int at;
    private int depth;

    private JsonReader(String text) {
        this.text = text;
    }

    /** The tree of a whole document (only whitespace may follow it); null for blank text. */
    static JsonNode read(String text) throws IOException {
        JsonReader r = new JsonReader(text);
        r.skipSpace();
        if (r.at == text.length()) {
            return null;
        }
        JsonNode value = r.value();
        r.skipSpace();
        if (r.at != text.length()) {
            throw r.error("unexpected text after the JSON value");
        }
        return value;
    }

    private JsonNode value() throws IOException {
        if (at >= text.length()) {
            throw error("unexpected end of JSON input");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> NODES.textNode(string());
            case 't' -> literal("true", NODES.booleanNode(true));
            case 'f' -> literal("false", NODES.booleanNode(false));
            case 'n' -> literal("null", NODES.nullNode());
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private ObjectNode object() throws IOException {
        enter();
        at++; // {
        ObjectNode out = NODES.objectNode();
        skipSpace();
        if (peek() == '}') {
            at++;
            depth--;
            return out;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a field name");
            }
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            out.replace(name, value()); // a repeated name keeps its last value, as readTree does
            skipSpace();
            char c = next();
            if (c == '}') {
                depth--;
                return out;
            }
            if (c != ',') {
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private ArrayNode array() throws IOException {
        enter();
        at++; // [
        ArrayNode out = NODES.arrayNode();
        skipSpace();
        if (peek() == ']') {
            at++;
            depth--;
            return out;
        }
        while (true) {
            skipSpace();
            out.add(value());
            skipSpace();
            char c = next();
            if (c == ']') {
                depth--;
                return out;
            }
            if (c != ',') {
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() throws IOException {
        at++; // opening quote
        StringBuilder out = null;
        int start = at;
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at);
            if (c == '"') {
                String s = out == null ? text.substring(start, at) : out.append(text, start, at).toString();
                at++;
                return s;
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                at++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            }
            out.append(text, start, at);
            at++;
            out.append(escape(next()));
            start = at;
        }
    }

    private char escape(char c) throws IOException {
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (at + 4 > text.length()) {
                    throw error("short \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(at + i), 16);
                    if (digit < 0) {
                        throw error("bad \\u escape");
                    }
                    code = code * 16 + digit;
                }
                at += 4;
                yield (char) code; // surrogate pairs arrive as two escapes and pair up in the string
            }
            default -> throw error("bad escape \\" + c);
        };
    }

    private JsonNode number() throws IOException {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
            if (Character.isDigit(peek())) {
                throw error("leading zeros are not allowed");
            }
        } else if (!digits()) {
            throw error("expected a digit");
        }
        boolean integer = true;
        if (peek() == '.') {
            at++;
            integer = false;
            if (!digits()) {
                throw error("expected a digit after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            integer = false;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (!digits()) {
                throw error("expected a digit in the exponent");
            }
        }
        String n = text.substring(start, at);
        if (!integer) {
            return NODES.numberNode(Double.parseDouble(n));
        }
        int digits = n.length() - (n.charAt(0) == '-' ? 1 : 0);
        if (digits <= 9) {
            return NODES.numberNode(Integer.parseInt(n));
        }
        if (digits <= 18) {
            long v = Long.parseLong(n);
            return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
        }
        BigInteger big = new BigInteger(n);
        if (big.bitLength() <= 31) {
            return NODES.numberNode(big.intValue());
        }
        return big.bitLength() <= 63 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private JsonNode literal(String word, JsonNode node) throws IOException {
        if (!text.startsWith(word, at)) {
            throw error("unexpected token");
        }
        at += word.length();
        return node;
    }

    private void enter() throws IOException {
        if (++depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH);
        }
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private char next() throws IOException {
        if (at >= text.length()) {
            throw error("unexpected end of JSON input");
        }
        return text.charAt(at++);
    }

    private void expect(char c) throws IOException {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IOException error(String what) {
        return new IOException(what + " at offset " + at);
    }
}
