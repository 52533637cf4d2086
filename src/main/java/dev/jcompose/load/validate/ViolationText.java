package dev.jcompose.load.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.Mark;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import dev.jcompose.load.tree.Where;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Words a violation the way compose users read errors: {@code file:line:col key.path: what is wrong}. Unknown and
 * misnamed keys point at the key itself; a duplicate list item points at the repeat.
 */
final class ViolationText {
    /** The schema keyword that says, in words, what a pattern accepts (see docs/schema.md). */
    static final String EXPECT = "x-expect";

    private ViolationText() {
    }

    static ComposeException toException(Violation v) {
        Node node = v.node();
        if (node == null) {
            return new Where(Mark.UNKNOWN, v.path()).error(fallback(v));
        }
        return switch (v.keyword()) {
            case "additionalProperties", "unevaluatedProperties" -> keyError(v,
                    "additional properties '" + v.property() + "' not allowed"
                            + suggestion(v.property(), propertyNames(v.schema())));
            case "propertyNames" -> keyError(v, "invalid key '" + v.property() + "': must be "
                    + expectation(v.keywordValue(), "a non-empty name"));
            case "required" -> at(v, "missing required property '" + v.property() + "'");
            case "type" -> at(v, "must be " + typePhrase(v.types()) + ", not " + node.kindName());
            case "enum", "const" -> at(v, "invalid value " + shown(node) + ": must be "
                    + (v.keyword().equals("const") ? quoted(v.keywordValue()) : "one of " + choices(v.keywordValue()))
                    + suggestion(node instanceof ScalarNode s ? s.text() : "", texts(v.keywordValue())));
            case "pattern" -> at(v, "invalid value " + shown(node) + ": must be "
                    + expectation(v.schema(), "text matching " + v.keywordValue().asText()));
            case "minimum" -> at(v, "invalid value " + shown(node) + ": must be greater than or equal to "
                    + v.keywordValue().asText());
            case "maximum" -> at(v, "invalid value " + shown(node) + ": must be less than or equal to "
                    + v.keywordValue().asText());
            case "minLength" -> at(v, "must not be empty");
            case "uniqueItems" -> duplicate(v);
            default -> at(v, fallback(v));
        };
    }

    private static ComposeException at(Violation v, String text) {
        return new Where(v.node().mark(), v.path()).error(text);
    }

    /** An error about a key of a mapping: located at the key, named by the mapping's path. */
    private static ComposeException keyError(Violation v, String text) {
        return new Where(v.place(), v.path()).error(text);
    }

    private static ComposeException duplicate(Violation v) {
        if (v.node() instanceof SeqNode seq) {
            List<JsonNode> seen = new ArrayList<>(seq.size());
            for (int i = 0; i < seq.size(); i++) {
                JsonNode item = TreeJson.of(seq.get(i));
                int first = seen.indexOf(item);
                if (first >= 0) {
                    return new Where(seq.get(i).mark(), v.path().index(i)).error("duplicate item "
                            + shown(seq.get(i)) + " (same as " + v.path().index(first) + ")");
                }
                seen.add(item);
            }
        }
        return at(v, "must not contain duplicate items");
    }

    /** "a mapping", "an integer or string", "a list, null or string": sorted by name, as docker compose does. */
    static String typePhrase(Collection<String> types) {
        List<String> words = new ArrayList<>();
        for (String t : types) {
            words.add(switch (t) {
                case "object" -> "mapping";
                case "array" -> "list";
                default -> t;
            });
        }
        if (words.isEmpty()) {
            return "something else";
        }
        words.sort(null);
        String first = words.getFirst();
        String article = first.equals("null") ? "" : "aeiou".indexOf(first.charAt(0)) >= 0 ? "an " : "a ";
        String joined = words.size() == 1 ? first
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.getLast();
        return article + joined;
    }

    /** " (did you mean 'image'?)" when one allowed name is a likely typo fix, else "". */
    static String suggestion(String given, Collection<String> allowed) {
        if (given == null || given.isEmpty()) {
            return "";
        }
        int limit = given.length() <= 3 ? 1 : given.length() <= 6 ? 2 : 3;
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = candidate.equalsIgnoreCase(given) ? 0
                    : distance.apply(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d >= 0 && d < bestScore) {
                best = candidate;
                bestScore = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static List<String> propertyNames(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String choices(JsonNode values) {
        return texts(values).stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
    }

    private static String quoted(JsonNode value) {
        return "'" + value.asText() + "'";
    }

    /** The schema's own words for what it accepts. */
    private static String expectation(JsonNode schema, String otherwise) {
        JsonNode hint = schema.path(EXPECT);
        return hint.isTextual() ? hint.asText() : otherwise;
    }

    private static String shown(Node node) {
        if (node instanceof ScalarNode s) {
            return s.isString() ? "'" + s.text() + "'" : s.text();
        }
        return node.kindName();
    }

    /** The library's own text without its JSON-pointer prefix ("/services/web: ..."). */
    private static String fallback(Violation v) {
        String m = v.message();
        int colon = m.indexOf(": ");
        boolean prefixed = colon >= 0 && (m.startsWith("/") || m.startsWith(":"));
        return prefixed ? m.substring(colon + 2) : m;
    }
}
