package dev.jcompose.load.normalize;

import static dev.jcompose.load.normalize.Scalars.isNull;
import static dev.jcompose.load.normalize.Scalars.str;
import static dev.jcompose.load.normalize.Scalars.where;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The field kinds of compose-go's model (string, bool, pointer, Mapping, UnitBytes, Duration...) as converters. */
final class Fields {
    private Fields() {
    }

    /** A value the model keeps as written (extensions, attributes jcompose does not interpret). */
    static Field raw() {
        return (v, p) -> v;
    }

    static Field string() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            String s = Scalars.string(v, p);
            return s.isEmpty() ? null : str(v, s);
        };
    }

    static Field bool() {
        return (v, p) -> isNull(v) || !Scalars.bool(v, p) ? null : ScalarNode.of(v.mark(), true);
    }

    /** A *bool: kept when set, even to false. */
    static Field boolPtr() {
        return (v, p) -> isNull(v) ? null : ScalarNode.of(v.mark(), Scalars.bool(v, p));
    }

    static Field integer() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            long n = Scalars.integer(v, p);
            return n == 0 ? null : ScalarNode.of(v.mark(), n);
        };
    }

    /** An *int: kept when set, even to 0. */
    static Field intPtr() {
        return (v, p) -> isNull(v) ? null : ScalarNode.of(v.mark(), Scalars.integer(v, p));
    }

    static Field number() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            double d = Scalars.number(v, p);
            if (d == 0) {
                return null;
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? ScalarNode.of(v.mark(), (long) d)
                    : ScalarNode.of(v.mark(), d);
        };
    }

    /** UnitBytes: printed as a decimal string of bytes. */
    static Field bytes() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            long n = bytesOf(v, p);
            return n == 0 ? null : str(v, Long.toString(n));
        };
    }

    static long bytesOf(Node v, KeyPath p) {
        if (v instanceof ScalarNode s && s.value() instanceof String text) {
            try {
                return Units.parseBytes(text);
            } catch (IllegalArgumentException e) {
                throw where(v, p).error(e.getMessage());
            }
        }
        return Scalars.integer(v, p);
    }

    /** Duration: Go syntax in, Go's String() out; zero left out. */
    static Field duration() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            Duration d = durationOf(v, p);
            return d.isZero() ? null : str(v, Units.formatDuration(d));
        };
    }

    /** *Duration: kept when set, even to 0s. */
    static Field durationPtr() {
        return (v, p) -> isNull(v) ? null : str(v, Units.formatDuration(durationOf(v, p)));
    }

    static Duration durationOf(Node v, KeyPath p) {
        String text = Scalars.string(v, p);
        try {
            return Units.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw where(v, p).error("invalid duration \"" + text + "\"");
        }
    }

    /** []string; scalars are printed, an empty list is left out. */
    static Field stringList() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            SeqNode seq = Scalars.seq(v, p);
            if (seq.size() == 0) {
                return null;
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < seq.size(); i++) {
                out.add(str(seq.get(i), Scalars.string(seq.get(i), p.index(i))));
            }
            return SeqNode.of(v.mark(), out);
        };
    }

    /** StringList: a single string stands for a one-element list. */
    static Field stringOrList() {
        Field list = stringList();
        return (v, p) -> v instanceof ScalarNode s && !s.isNull()
                ? SeqNode.of(v.mark(), List.of(str(v, Scalars.string(v, p)))) : list.apply(v, p);
    }

    /**
     * Mapping/Labels: a map of strings from a map (null → "") or a list of "key=value" ("key" → "").
     */
    static Field mapping() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            MapNode out = stringMap(v, p, "=");
            return out.size() == 0 ? null : out;
        };
    }

    static MapNode stringMap(Node v, KeyPath p, String sep) {
        MapNode.Builder b = MapNode.builder(v.mark());
        if (v instanceof MapNode m) {
            for (var e : m.entries().entrySet()) {
                Node val = e.getValue();
                b.put(e.getKey(), m.keyMark(e.getKey()),
                        str(val, isNull(val) ? "" : Scalars.string(val, p.key(e.getKey()))));
            }
        } else if (v instanceof SeqNode s) {
            for (int i = 0; i < s.size(); i++) {
                String item = Scalars.string(s.get(i), p.index(i));
                int at = item.indexOf(sep);
                String key = at < 0 ? item : item.substring(0, at);
                b.put(key, s.get(i).mark(), str(s.get(i), at < 0 ? "" : item.substring(at + sep.length())));
            }
        } else {
            throw where(v, p).error("must be a mapping or a list, not " + v.kindName());
        }
        return sortedKeys(b.build());
    }

    /**
     * MappingWithEquals (environment, build args): "KEY" without a value stays null (resolved later), "KEY=" is
     * the empty string.
     */
    static Field mappingWithEquals() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            MapNode out = mappingWithEqualsOf(v, p);
            return out.size() == 0 ? null : out;
        };
    }

    static MapNode mappingWithEqualsOf(Node v, KeyPath p) {
        MapNode.Builder b = MapNode.builder(v.mark());
        if (v instanceof MapNode m) {
            for (var e : m.entries().entrySet()) {
                Node val = e.getValue();
                if (val instanceof MapNode || val instanceof SeqNode) {
                    throw where(val, p.key(e.getKey())).error("must be a boolean, null, number or string");
                }
                b.put(e.getKey(), m.keyMark(e.getKey()),
                        isNull(val) ? ScalarNode.of(val.mark(), null) : str(val, Scalars.string(val, p)));
            }
        } else if (v instanceof SeqNode s) {
            for (int i = 0; i < s.size(); i++) {
                Node item = s.get(i);
                String text = Scalars.string(item, p.index(i));
                int at = text.indexOf('=');
                String key = at < 0 ? text : text.substring(0, at);
                if (!key.isEmpty() && Character.isWhitespace(key.charAt(key.length() - 1))) {
                    throw where(item, p.index(i)).error("environment variable " + key
                            + " is declared with a trailing space");
                }
                b.put(key, item.mark(), ScalarNode.of(item.mark(), at < 0 ? null : text.substring(at + 1)));
            }
        } else {
            throw where(v, p).error("must be a mapping or a list, not " + v.kindName());
        }
        return sortedKeys(b.build());
    }

    /** ShellCommand: a string is split like a shell would; an explicit empty value stays an empty list. */
    static Field shellCommand() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            if (v instanceof ScalarNode s) {
                List<String> words;
                try {
                    words = ShellWords.split(Scalars.string(s, p));
                } catch (IllegalArgumentException e) {
                    throw where(v, p).error(e.getMessage());
                }
                return SeqNode.of(v.mark(), words.stream().map(w -> str(v, w)).toList());
            }
            SeqNode seq = Scalars.seq(v, p);
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < seq.size(); i++) {
                out.add(str(seq.get(i), Scalars.string(seq.get(i), p.index(i))));
            }
            return SeqNode.of(v.mark(), out);
        };
    }

    /** FileMode: an int as written, a string as octal; printed as an octal string with a leading 0. */
    static Field fileMode() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            long mode;
            if (v instanceof ScalarNode s && s.value() instanceof String text) {
                try {
                    mode = Long.parseLong(text.trim(), 8);
                } catch (NumberFormatException e) {
                    throw where(v, p).error("invalid file mode \"" + text + "\"");
                }
            } else {
                mode = Scalars.integer(v, p);
            }
            return str(v, "0" + Long.toOctalString(mode));
        };
    }

    /** A list whose items are converted by item (null results dropped); empty lists left out. */
    static Field listOf(Field item) {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            SeqNode seq = Scalars.seq(v, p);
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < seq.size(); i++) {
                Node n = item.apply(seq.get(i), p.index(i));
                if (n != null) {
                    out.add(n);
                }
            }
            return out.isEmpty() ? null : SeqNode.of(v.mark(), out);
        };
    }

    /** A map whose values are converted by value; null values stay null (Go's map of pointers). */
    static Field mapOf(Field value) {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            MapNode m = Scalars.map(v, p);
            MapNode.Builder b = MapNode.builder(v.mark());
            for (var e : m.entries().entrySet()) {
                Node val = e.getValue();
                Node n = isNull(val) ? val : value.apply(val, p.key(e.getKey()));
                b.put(e.getKey(), m.keyMark(e.getKey()), n == null ? ScalarNode.of(val.mark(), null) : n);
            }
            MapNode out = sortedKeys(b.build());
            return out.size() == 0 ? null : out;
        };
    }

    /** A struct behind a pointer: printed when present, even empty. */
    static Field struct(Map<String, Field> table) {
        return (v, p) -> isNull(v) ? null : convertStruct(Scalars.map(v, p), p, table);
    }

    /** A struct held by value: left out when all its fields are zero. */
    static Field structOmitEmpty(Map<String, Field> table) {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            MapNode m = convertStruct(Scalars.map(v, p), p, table);
            return m.size() == 0 ? null : m;
        };
    }

    /**
     * Converts the known keys of a mapping; extensions (x-*) and unknown keys are kept as written. Keys come out
     * in the table's order (compose-go's struct field order, which `config` prints), the others after them sorted.
     */
    static MapNode convertStruct(MapNode m, KeyPath p, Map<String, Field> table) {
        MapNode.Builder b = MapNode.builder(m.mark()).tag(m.tag());
        for (var e : table.entrySet()) {
            String key = e.getKey();
            if (m.has(key)) {
                Node out = e.getValue().apply(m.get(key), p.key(key));
                if (out != null) {
                    b.put(key, m.keyMark(key), out);
                }
            }
        }
        for (String key : new TreeSet<>(m.keys())) {
            if (!table.containsKey(key)) {
                b.put(key, m.keyMark(key), m.get(key));
            }
        }
        return b.build();
    }

    /** A copy with the keys in sorted order: Go prints every map type that way. */
    static MapNode sortedKeys(MapNode m) {
        MapNode.Builder b = MapNode.builder(m.mark()).tag(m.tag());
        for (String key : new TreeSet<>(m.keys())) {
            b.put(key, m.keyMark(key), m.get(key));
        }
        return b.build();
    }

    /**
     * The same table, but an attribute that cannot be typed is kept as written: without interpolation,
     * "${MEM:-1g}" cannot be read as a byte size, and config --no-interpolate prints it unchanged.
     */
    static Map<String, Field> lenient(Map<String, Field> table) {
        Map<String, Field> t = new LinkedHashMap<>();
        table.forEach((key, field) -> t.put(key, (v, p) -> {
            try {
                return field.apply(v, p);
            } catch (ComposeException e) {
                return v;
            }
        }));
        return t;
    }

    /** An ordered table literal: {@code table("a", f1, "b", f2)}. */
    static Map<String, Field> table(Object... pairs) {
        Map<String, Field> t = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            t.put((String) pairs[i], (Field) pairs[i + 1]);
        }
        return t;
    }
}
