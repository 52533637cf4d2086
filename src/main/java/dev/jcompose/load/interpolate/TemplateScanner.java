package dev.jcompose.load.interpolate;

/**
 * Finds the next {@code $} construct of a template. The extents follow compose-go's pattern exactly, because
 * users depend on its corner cases:
 * <ul>
 * <li>{@code $$} is an escaped dollar; a {@code $} followed by anything but a name or {@code {} is literal.</li>
 * <li>Names are {@code [_a-zA-Z][_a-zA-Z0-9]*}; {@code $FOO-bar} is {@code $FOO} followed by "-bar".</li>
 * <li>A braced reference with an operator needs a {@code }} later on the same line; its argument ends at the
 * brace that balances the opening one (a {@code {} skips the character after it, as compose counts), or at the
 * last {@code }} of the line when none balances.</li>
 * <li>Anything else after {@code ${} is an invalid template.</li>
 * </ul>
 */
final class TemplateScanner {
    private TemplateScanner() {
    }

    /** What kind of construct a token is. */
    enum Kind {
        /** Plain text up to the next dollar construct. */
        TEXT,
        /** {@code $$}: a literal dollar. */
        ESCAPED,
        /** {@code $NAME}, {@code ${NAME}} or {@code ${NAME<op>arg}}. */
        REFERENCE,
        /** {@code ${} not followed by a valid reference. */
        INVALID
    }

    /**
     * One construct: [start, end) is its text. For a reference with an operator, matchEnd is where compose's
     * pattern match stops (the last brace on the line); the text between end and matchEnd is scanned again as
     * its own template. For every other token matchEnd == end.
     */
    record Token(Kind kind, int start, int end, int matchEnd, String name, Operator operator, String argument) {
        String text(String template) {
            return template.substring(start, end);
        }
    }

    /** The token starting at {@code from}; null at the end of the template. */
    static Token next(String s, int from) {
        int n = s.length();
        if (from >= n) {
            return null;
        }
        int dollar = from;
        while (dollar < n && !startsConstruct(s, dollar)) {
            dollar++;
        }
        if (dollar > from) {
            return new Token(Kind.TEXT, from, dollar, dollar, null, null, null);
        }
        char next = s.charAt(dollar + 1);
        if (next == '$') {
            return new Token(Kind.ESCAPED, dollar, dollar + 2, dollar + 2, null, null, null);
        }
        if (isNameStart(next)) {
            int end = nameEnd(s, dollar + 1);
            return new Token(Kind.REFERENCE, dollar, end, end, s.substring(dollar + 1, end), null, null);
        }
        return braced(s, dollar);
    }

    private static boolean startsConstruct(String s, int i) {
        if (s.charAt(i) != '$' || i + 1 >= s.length()) {
            return false;
        }
        char c = s.charAt(i + 1);
        return c == '$' || c == '{' || isNameStart(c);
    }

    private static Token braced(String s, int dollar) {
        int nameStart = dollar + 2;
        if (nameStart < s.length() && isNameStart(s.charAt(nameStart))) {
            int nameEnd = nameEnd(s, nameStart);
            String name = s.substring(nameStart, nameEnd);
            if (nameEnd < s.length() && s.charAt(nameEnd) == '}') {
                return new Token(Kind.REFERENCE, dollar, nameEnd + 1, nameEnd + 1, name, null, null);
            }
            Operator op = Operator.at(s, nameEnd);
            if (op != null) {
                int argStart = nameEnd + op.symbol().length();
                int lineEnd = s.indexOf('\n', argStart);
                int lastBrace = s.lastIndexOf('}', (lineEnd < 0 ? s.length() : lineEnd) - 1);
                if (lastBrace >= argStart) {
                    int close = balancingBrace(s, dollar, lastBrace);
                    if (close < 0) {
                        close = lastBrace;
                    }
                    return new Token(Kind.REFERENCE, dollar, close + 1, lastBrace + 1, name, op,
                            s.substring(argStart, close));
                }
            }
        }
        return new Token(Kind.INVALID, dollar, nameStart, nameStart, null, null, null);
    }

    /** Index of the brace closing the one at start+1, counting within [start, last]; -1 when unbalanced. */
    private static int balancingBrace(String s, int start, int last) {
        int depth = 0;
        for (int k = start; k <= last; k++) {
            char c = s.charAt(k);
            if (c == '}') {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
            if (c == '{') {
                depth++;
                k++; // compose skips the character after an opening brace
            }
        }
        return -1;
    }

    static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static int nameEnd(String s, int start) {
        int i = start;
        while (i < s.length() && isNamePart(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
