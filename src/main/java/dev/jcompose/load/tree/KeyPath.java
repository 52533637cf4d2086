package dev.jcompose.load.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The address of a value in a compose document, printed the way users read it: {@code services.web.ports[0]}.
 * Segments are map keys (String) or list indexes (Integer).
 */
public final class KeyPath {
    public static final KeyPath ROOT = new KeyPath(List.of());

    private final List<Object> segments;

    private KeyPath(List<Object> segments) {
        this.segments = segments;
    }

    public static KeyPath of(Object... segments) {
        KeyPath p = ROOT;
        for (Object s : segments) {
            p = s instanceof Integer i ? p.index(i) : p.key(s.toString());
        }
        return p;
    }

    public KeyPath key(String key) {
        List<Object> s = new ArrayList<>(segments.size() + 1);
        s.addAll(segments);
        s.add(key);
        return new KeyPath(Collections.unmodifiableList(s));
    }

    public KeyPath index(int index) {
        List<Object> s = new ArrayList<>(segments.size() + 1);
        s.addAll(segments);
        s.add(index);
        return new KeyPath(Collections.unmodifiableList(s));
    }

    public List<Object> segments() {
        return segments;
    }

    public int depth() {
        return segments.size();
    }

    public Object last() {
        return segments.isEmpty() ? null : segments.get(segments.size() - 1);
    }

    public KeyPath parent() {
        return segments.isEmpty() ? this : new KeyPath(segments.subList(0, segments.size() - 1));
    }

    /**
     * Matches a dotted pattern where {@code *} stands for any one key or index, e.g.
     * {@code services.*.ports.*.target}. Indexes can be written as {@code *} only.
     */
    public boolean matches(String pattern) {
        return matches(pattern.split("\\.", -1));
    }

    /** {@link #matches(String)} with the pattern already split on dots (for hot loops). */
    public boolean matches(String[] parts) {
        if (parts.length != segments.size()) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            Object seg = segments.get(i);
            if (parts[i].equals("*")) {
                continue;
            }
            if (!(seg instanceof String s) || !s.equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    /** Dotted form with every index as {@code *}: the key used by rule tables. */
    public String pattern() {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(s instanceof Integer ? "*" : s);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(s);
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPath k && k.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }
}
