package dev.jcompose.load.tree;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A YAML mapping with string keys in document order. {@code keyMarks} remembers where each key was written,
 * so an error about a key (unknown, duplicate) points at the key rather than at its value.
 */
public record MapNode(Mark mark, NodeTag tag, Map<String, Node> entries, Map<String, Mark> keyMarks)
        implements Node {
    public MapNode {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        keyMarks = Collections.unmodifiableMap(new LinkedHashMap<>(keyMarks));
    }

    public static MapNode empty(Mark mark) {
        return new MapNode(mark, NodeTag.NONE, Map.of(), Map.of());
    }

    public static Builder builder(Mark mark) {
        return new Builder(mark);
    }

    public Node get(String key) {
        return entries.get(key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public int size() {
        return entries.size();
    }

    /** Where the key was written, falling back to the value's position. */
    public Mark keyMark(String key) {
        Mark m = keyMarks.get(key);
        if (m != null) {
            return m;
        }
        Node v = entries.get(key);
        return v != null ? v.mark() : mark;
    }

    /** A copy with key set to value (appended when new, replaced in place otherwise). */
    public MapNode with(String key, Node value) {
        Builder b = toBuilder();
        b.put(key, b.keyMarks.getOrDefault(key, value.mark()), value);
        return b.build();
    }

    public MapNode without(String key) {
        if (!entries.containsKey(key)) {
            return this;
        }
        Builder b = toBuilder();
        b.entries.remove(key);
        b.keyMarks.remove(key);
        return b.build();
    }

    /** A copy whose values are replaced by fn(key, value); a null result removes the entry. */
    public MapNode mapValues(BiFunction<String, Node, Node> fn) {
        Builder b = new Builder(mark).tag(tag);
        for (var e : entries.entrySet()) {
            Node v = fn.apply(e.getKey(), e.getValue());
            if (v != null) {
                b.put(e.getKey(), keyMark(e.getKey()), v);
            }
        }
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(mark).tag(tag);
        b.entries.putAll(entries);
        b.keyMarks.putAll(keyMarks);
        return b;
    }

    @Override
    public MapNode withTag(NodeTag newTag) {
        return new MapNode(mark, newTag, entries, keyMarks);
    }

    @Override
    public String kindName() {
        return "a mapping";
    }

    /** Mutable builder; {@link #build()} freezes it. */
    public static final class Builder {
        private final Mark mark;
        private NodeTag tag = NodeTag.NONE;
        private final LinkedHashMap<String, Node> entries = new LinkedHashMap<>();
        private final LinkedHashMap<String, Mark> keyMarks = new LinkedHashMap<>();

        private Builder(Mark mark) {
            this.mark = mark;
        }

        public Builder tag(NodeTag t) {
            this.tag = t;
            return this;
        }

        public Builder put(String key, Mark keyMark, Node value) {
            entries.put(key, value);
            keyMarks.put(key, keyMark);
            return this;
        }

        public Builder put(String key, Node value) {
            return put(key, value.mark(), value);
        }

        public Builder remove(String key) {
            entries.remove(key);
            keyMarks.remove(key);
            return this;
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        public Node get(String key) {
            return entries.get(key);
        }

        public MapNode build() {
            return new MapNode(mark, tag, entries, keyMarks);
        }
    }
}
