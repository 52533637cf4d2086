package dev.jcompose.load.tree;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between nodes and plain Java values (Map, List, String, Long, Double, Boolean, null). */
public final class Nodes {
    private Nodes() {
    }

    /** The plain value of a node: LinkedHashMap, ArrayList, or a scalar value. */
    public static Object toPlain(Node node) {
        return switch (node) {
            case ScalarNode s -> s.value();
            case SeqNode q -> {
                List<Object> out = new ArrayList<>(q.size());
                for (Node n : q.items()) {
                    out.add(toPlain(n));
                }
                yield out;
            }
            case MapNode m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.entries().forEach((k, v) -> out.put(k, toPlain(v)));
                yield out;
            }
        };
    }

    /** A node tree for a plain value; every node gets the given mark. */
    public static Node fromPlain(Object value, Mark mark) {
        if (value instanceof Node n) {
            return n;
        }
        if (value instanceof Map<?, ?> map) {
            MapNode.Builder b = MapNode.builder(mark);
            map.forEach((k, v) -> b.put(String.valueOf(k), mark, fromPlain(v, mark)));
            return b.build();
        }
        if (value instanceof List<?> list) {
            List<Node> items = new ArrayList<>(list.size());
            for (Object o : list) {
                items.add(fromPlain(o, mark));
            }
            return SeqNode.of(mark, items);
        }
        if (value instanceof Integer i) {
            return ScalarNode.of(mark, i.longValue());
        }
        if (value instanceof Number n && !(value instanceof Long || value instanceof Double
                || value instanceof BigInteger)) {
            return ScalarNode.of(mark, n.doubleValue());
        }
        return ScalarNode.of(mark, value);
    }

    /** Follows a path of keys/indexes; null when absent. */
    public static Node at(Node root, KeyPath path) {
        Node cur = root;
        for (Object seg : path.segments()) {
            if (seg instanceof Integer i && cur instanceof SeqNode s && i < s.size()) {
                cur = s.get(i);
            } else if (seg instanceof String k && cur instanceof MapNode m && m.has(k)) {
                cur = m.get(k);
            } else {
                return null;
            }
        }
        return cur;
    }
}
