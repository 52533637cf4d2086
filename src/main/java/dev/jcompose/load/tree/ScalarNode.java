package dev.jcompose.load.tree;

import java.math.BigInteger;

/**
 * A YAML scalar resolved with the YAML 1.2 core schema: value is a String, Long, BigInteger, Double, Boolean or
 * null.
 */
public record ScalarNode(Mark mark, NodeTag tag, Object value) implements Node {
    public ScalarNode {
        if (value != null && !(value instanceof String || value instanceof Long || value instanceof BigInteger
                || value instanceof Double || value instanceof Boolean)) {
            throw new IllegalArgumentException("unsupported scalar type " + value.getClass());
        }
    }

    public static ScalarNode of(Mark mark, Object value) {
        if (value instanceof Integer i) {
            value = i.longValue();
        } else if (value instanceof Float f) {
            value = f.doubleValue();
        }
        return new ScalarNode(mark, NodeTag.NONE, value);
    }

    public boolean isNull() {
        return value == null;
    }

    public boolean isString() {
        return value instanceof String;
    }

    /** The value as text the way compose would print it ("" for null). */
    public String text() {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    public ScalarNode withValue(Object newValue) {
        return new ScalarNode(mark, tag, newValue instanceof Integer i ? Long.valueOf(i) : newValue);
    }

    @Override
    public ScalarNode withTag(NodeTag newTag) {
        return new ScalarNode(mark, newTag, value);
    }

    @Override
    public String kindName() {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }
}
