package dev.jcompose.load.normalize;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import dev.jcompose.load.tree.Where;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Reading tree values with the loose typing compose-go's decoder applies (numbers and booleans where strings are
 * expected, numeric strings where numbers are expected), and printing scalars as Go's fmt.Sprint does.
 */
final class Scalars {
    private Scalars() {
    }

    /** fmt.Sprint of a scalar value: "2.5", "42", "true"; null gives "". */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return goFloat(d);
        }
        return value.toString();
    }

    /** Go's %v for a float64: shortest representation, exponent form below 1e-4 and from 1e21. */
    static String goFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1;
        if (exponent < -4 || exponent >= 21) {
            String digits = b.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return b.toPlainString();
    }

    static Where where(Node node, KeyPath path) {
        return new Where(node.mark(), path);
    }

    /** A string-typed field: strings as they are, numbers and booleans printed. */
    static String string(Node node, KeyPath path) {
        if (node instanceof ScalarNode s) {
            return text(s.value());
        }
        throw where(node, path).error("must be a string, not " + node.kindName());
    }

    static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode s && s.isNull();
    }

    static long integer(Node node, KeyPath path) {
        if (node instanceof ScalarNode s) {
            Object v = s.value();
            if (v instanceof Long l) {
                return l;
            }
            if (v instanceof BigInteger) {
                throw where(node, path).error("number " + v + " is out of range");
            }
            if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
                return d.longValue();
            }
            if (v instanceof String str) {
                try {
                    return Long.parseLong(str.trim());
                } catch (NumberFormatException e) {
                    throw where(node, path).error("must be an integer, not \"" + str + "\"");
                }
            }
        }
        throw where(node, path).error("must be an integer, not " + node.kindName());
    }

    static double number(Node node, KeyPath path) {
        if (node instanceof ScalarNode s) {
            Object v = s.value();
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v instanceof String str) {
                try {
                    return Double.parseDouble(str.trim());
                } catch (NumberFormatException e) {
                    throw where(node, path).error("must be a number, not \"" + str + "\"");
                }
            }
        }
        throw where(node, path).error("must be a number, not " + node.kindName());
    }

    static boolean bool(Node node, KeyPath path) {
        if (node instanceof ScalarNode s) {
            if (s.value() instanceof Boolean b) {
                return b;
            }
            if (s.value() instanceof String str) {
                // strconv.ParseBool's spellings, which compose-go uses to cast interpolated values.
                switch (str.trim()) {
                    case "1", "t", "T", "true", "TRUE", "True" -> {
                        return true;
                    }
                    case "0", "f", "F", "false", "FALSE", "False" -> {
                        return false;
                    }
                    default -> {
                    }
                }
            }
        }
        throw where(node, path).error("must be a boolean, not " + describe(node));
    }

    static String describe(Node node) {
        if (node instanceof ScalarNode s && s.value() instanceof String str) {
            return "\"" + str + "\"";
        }
        return node.kindName();
    }

    static MapNode map(Node node, KeyPath path) {
        if (node instanceof MapNode m) {
            return m;
        }
        throw where(node, path).error("must be a mapping, not " + node.kindName());
    }

    static SeqNode seq(Node node, KeyPath path) {
        if (node instanceof SeqNode s) {
            return s;
        }
        throw where(node, path).error("must be a list, not " + node.kindName());
    }

    static ScalarNode str(Node at, String value) {
        return ScalarNode.of(at.mark(), value);
    }

    static ScalarNode num(Node at, long value) {
        return ScalarNode.of(at.mark(), value);
    }
}
