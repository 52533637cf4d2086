package dev.jcompose.load.bind;

import dev.jcompose.load.normalize.Units;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Mark;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import dev.jcompose.load.tree.Where;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one mapping of the canonical tree. The normaliser already typed every value, so a value of the
 * wrong kind here is a bug in an earlier phase; it is still reported with its position rather than as a
 * ClassCastException.
 */
final class Read {
    private final MapNode map;
    private final KeyPath path;

    Read(MapNode map, KeyPath path) {
        this.map = map;
        this.path = path;
    }

    static Read of(Node node, KeyPath path) {
        return new Read(node instanceof MapNode m ? m : MapNode.empty(node == null ? Mark.UNKNOWN : node.mark()),
                path);
    }

    MapNode node() {
        return map;
    }

    Read sub(String key) {
        return of(map.get(key), path.key(key));
    }

    boolean has(String key) {
        Node n = map.get(key);
        return n != null && !(n instanceof ScalarNode s && s.isNull());
    }

    String string(String key) {
        return map.get(key) instanceof ScalarNode s && !s.isNull() ? s.text() : null;
    }

    boolean bool(String key) {
        return map.get(key) instanceof ScalarNode s && Boolean.TRUE.equals(s.value());
    }

    Boolean boolOrNull(String key) {
        return map.get(key) instanceof ScalarNode s && s.value() instanceof Boolean b ? b : null;
    }

    Long longOrNull(String key) {
        Node n = map.get(key);
        if (!(n instanceof ScalarNode s) || s.isNull()) {
            return null;
        }
        if (s.value() instanceof Long l) {
            return l;
        }
        try {
            return Long.parseLong(s.text().trim());
        } catch (NumberFormatException e) {
            throw fail(key, "must be an integer, not \"" + s.text() + "\"");
        }
    }

    Double doubleOrNull(String key) {
        Node n = map.get(key);
        if (!(n instanceof ScalarNode s) || s.isNull()) {
            return null;
        }
        if (s.value() instanceof Number num) {
            return num.doubleValue();
        }
        try {
            return Double.parseDouble(s.text().trim());
        } catch (NumberFormatException e) {
            throw fail(key, "must be a number, not \"" + s.text() + "\"");
        }
    }

    /** A byte size: canonical form is a decimal string, a number is accepted too. */
    Long bytesOrNull(String key) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        try {
            return Units.parseBytes(s);
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    Duration durationOrNull(String key) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        try {
            return Units.parseDuration(s);
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    /** A list of strings, or null when absent (so an explicit empty command differs from none). */
    List<String> listOrNull(String key) {
        if (!(map.get(key) instanceof SeqNode seq)) {
            return null;
        }
        List<String> out = new ArrayList<>(seq.size());
        for (Node n : seq.items()) {
            out.add(n instanceof ScalarNode s ? s.text() : String.valueOf(n));
        }
        return out;
    }

    List<String> list(String key) {
        List<String> l = listOrNull(key);
        return l == null ? List.of() : l;
    }

    /** A map of strings; null values (unresolved variables) are left out. */
    Map<String, String> strings(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map.get(key) instanceof MapNode m) {
            m.entries().forEach((k, v) -> {
                if (v instanceof ScalarNode s && !s.isNull()) {
                    out.put(k, s.text());
                }
            });
        }
        return out;
    }

    /** The entries of a child mapping, each as a Read. */
    Map<String, Read> entries(String key) {
        Map<String, Read> out = new LinkedHashMap<>();
        if (map.get(key) instanceof MapNode m) {
            m.entries().forEach((k, v) -> out.put(k, of(v, path.key(key).key(k))));
        }
        return out;
    }

    /** The items of a child list that are mappings, each as a Read. */
    List<Read> items(String key) {
        List<Read> out = new ArrayList<>();
        if (map.get(key) instanceof SeqNode seq) {
            for (int i = 0; i < seq.size(); i++) {
                out.add(of(seq.get(i), path.key(key).index(i)));
            }
        }
        return out;
    }

    RuntimeException fail(String key, String message) {
        Node n = map.get(key);
        return new Where(n == null ? map.mark() : n.mark(), path.key(key)).error(message);
    }
}
