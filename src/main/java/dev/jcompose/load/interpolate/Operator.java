package dev.jcompose.load.interpolate;

/**
 * The operators of a braced reference {@code ${NAME<op>argument}}. The operator is the one written right after
 * the name; any operator characters further on belong to the argument ("the first operator wins").
 */
public enum Operator {
    /** {@code :-} the argument when the variable is unset or empty. */
    DEFAULT_IF_EMPTY(":-"),
    /** {@code -} the argument when the variable is unset. */
    DEFAULT_IF_UNSET("-"),
    /** {@code :?} an error (argument = message) when the variable is unset or empty. */
    REQUIRED_NON_EMPTY(":?"),
    /** {@code ?} an error (argument = message) when the variable is unset. */
    REQUIRED("?"),
    /** {@code :+} the argument when the variable is set and not empty, else "". */
    ALTERNATIVE_IF_NON_EMPTY(":+"),
    /** {@code +} the argument when the variable is set, else "". */
    ALTERNATIVE_IF_SET("+");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** The operator written at index {@code at} of text, or null when none starts there. */
    static Operator at(String text, int at) {
        if (at >= text.length()) {
            return null;
        }
        char c = text.charAt(at);
        boolean colon = c == ':';
        if (colon) {
            if (at + 1 >= text.length()) {
                return null;
            }
            c = text.charAt(at + 1);
        }
        return switch (c) {
            case '-' -> colon ? DEFAULT_IF_EMPTY : DEFAULT_IF_UNSET;
            case '?' -> colon ? REQUIRED_NON_EMPTY : REQUIRED;
            case '+' -> colon ? ALTERNATIVE_IF_NON_EMPTY : ALTERNATIVE_IF_SET;
            default -> null;
        };
    }

    /** True when the operator treats an empty value like an unset one. */
    boolean emptyCountsAsUnset() {
        return symbol.startsWith(":");
    }

    boolean isDefault() {
        return this == DEFAULT_IF_EMPTY || this == DEFAULT_IF_UNSET;
    }

    boolean isRequired() {
        return this == REQUIRED_NON_EMPTY || this == REQUIRED;
    }

    boolean isAlternative() {
        return this == ALTERNATIVE_IF_NON_EMPTY || this == ALTERNATIVE_IF_SET;
    }
}
