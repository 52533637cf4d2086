package dev.jcompose.cli;

import java.util.List;
import java.util.Map;

/**
 * JSON as Go's encoding/json writes it, so `--format json` output matches compose byte for byte: maps in the
 * order given (pass a sorted map where Go marshals a map, a LinkedHashMap where it marshals a struct), no
 * spaces, \b \f \n \r \t escapes, and with escapeHtml (json.Marshal's default) < > & as \u003c \u003e \u0026.
 */
final class GoJson {
    private GoJson() {
    }

    static String write(Object value, boolean escapeHtml) {
        StringBuilder b = new StringBuilder();
        write(b, value, escapeHtml);
        return b.toString();
    }

    private static void write(StringBuilder b, Object value, boolean escapeHtml) {
        switch (value) {
            case null -> b.append("null");
            case String s -> string(b, s, escapeHtml);
            case Boolean bool -> b.append(bool);
            case Number n -> b.append(n);
            case Map<?, ?> map -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    string(b, String.valueOf(e.getKey()), escapeHtml);
                    b.append(':');
                    write(b, e.getValue(), escapeHtml);
                }
                b.append('}');
            }
            case List<?> list -> {
                b.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    write(b, list.get(i), escapeHtml);
                }
                b.append(']');
            }
            default -> string(b, value.toString(), escapeHtml);
        }
    }

    private static void string(StringBuilder b, String s, boolean escapeHtml) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20 || (escapeHtml && (c == '<' || c == '>' || c == '&'))) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
