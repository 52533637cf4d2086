package dev.jcompose.load.env;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.interpolate.Template;
import dev.jcompose.load.interpolate.TemplateException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One pass over the text of a .env file, with compose's syntax (see {@link DotEnv}). Statements are read one
 * after the other; a quoted value may span lines, and the next statement starts right after its closing quote.
 */
final class DotEnvParser {
    private final String label;
    private final String text;
    private final Map<String, String> out;
    private final Function<String, String> lookup;
    private final Consumer<String> unsetVariable;
    private int pos;
    private int line = 1;

    DotEnvParser(String label, String text, Map<String, String> out, Function<String, String> lookup,
            Consumer<String> unsetVariable) {
        this.label = label;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.out = out;
        this.lookup = lookup;
        this.unsetVariable = unsetVariable;
    }

    void parse() {
        while (skipToStatement()) {
            int statementLine = line;
            skipExport();
            int keyStart = pos;
            int keyEnd = scanKey(statementLine);
            boolean inherited = keyEnd == text.length() || text.charAt(keyEnd) == '\n';
            String key = trimRight(text.substring(keyStart, keyEnd));
            if (key.indexOf(' ') >= 0) {
                throw error(statementLine, "key cannot contain a space");
            }
            pos = Math.min(keyEnd + 1, text.length());
            if (inherited) {
                // A bare KEY takes its value from the environment, and is left out when that has none.
                line++;
                String value = lookup.apply(key);
                if (value != null) {
                    out.put(key, value);
                }
                continue;
            }
            while (pos < text.length() && isInlineSpace(text.codePointAt(pos))) {
                pos += Character.charCount(text.codePointAt(pos));
            }
            out.put(key, value(statementLine));
        }
    }

    /** Skips blank space and comment lines; false at the end of the text. */
    private boolean skipToStatement() {
        while (pos < text.length()) {
            int cp = text.codePointAt(pos);
            if (cp == '#') {
                int nl = text.indexOf('\n', pos);
                pos = nl < 0 ? text.length() : nl;
            } else if (isSpace(cp)) {
                if (cp == '\n') {
                    line++;
                }
                pos += Character.charCount(cp);
            } else {
                return true;
            }
        }
        return false;
    }

    /** "export" followed by white space is a shell prefix, not part of the key. */
    private void skipExport() {
        boolean blankFollows = pos + 6 < text.length() && " \t\n\f\r".indexOf(text.charAt(pos + 6)) >= 0;
        if (text.startsWith("export", pos) && blankFollows) {
            pos += 6;
            while (pos < text.length() && isInlineSpace(text.codePointAt(pos))) {
                pos += Character.charCount(text.codePointAt(pos));
            }
        }
    }

    /** Index of the '=', ':' or newline that ends the key (or the end of text); rejects other characters. */
    private int scanKey(int statementLine) {
        int i = pos;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (cp == '=' || cp == ':' || cp == '\n') {
                return i;
            }
            if (!isInlineSpace(cp) && !isKeyChar(cp)) {
                int nl = text.indexOf('\n', pos);
                String rest = text.substring(pos, nl < 0 ? text.length() : nl);
                throw error(statementLine, "unexpected character \"" + Character.toString(cp)
                        + "\" in variable name \"" + rest + "\"");
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private String value(int statementLine) {
        if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
            return quoted(statementLine);
        }
        int nl = text.indexOf('\n', pos);
        String raw = text.substring(pos, nl < 0 ? text.length() : nl);
        pos = nl < 0 ? text.length() : nl + 1;
        line++;
        int comment = raw.indexOf(" #");
        if (comment >= 0) {
            raw = raw.substring(0, comment);
        }
        return interpolate(trimRight(raw), statementLine);
    }

    /**
     * A quoted value: a backslash before the closing quote keeps the quote; other backslash pairs are kept for
     * the escape expansion of double-quoted values (single-quoted values stay literal).
     */
    private String quoted(int statementLine) {
        char quote = text.charAt(pos);
        StringBuilder chars = new StringBuilder();
        boolean escaped = false;
        for (int i = pos + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (c == quote && !escaped) {
                pos = i + 1;
                String value = chars.toString();
                return quote == '"' ? interpolate(expandEscapes(value), statementLine) : value;
            }
            if (c == '\\' && !escaped) {
                escaped = true;
                continue;
            }
            if (escaped && c != quote) {
                chars.append('\\');
            }
            escaped = false;
            chars.append(c);
        }
        int nl = text.indexOf('\n', pos);
        throw error(statementLine, "unterminated quoted value " + text.substring(pos, nl < 0 ? text.length() : nl));
    }

    private String interpolate(String value, int statementLine) {
        try {
            return Template.substitute(value, name -> {
                String v = lookup.apply(name);
                return v != null ? v : out.get(name);
            }, unsetVariable);
        } catch (TemplateException e) {
            throw error(statementLine, e.getMessage());
        }
    }

    /**
     * Shell echo escapes: \a \b \f \n \r \t \v \\ \" and octal \0NNN; \$ becomes $$ so that interpolation yields
     * a literal dollar. Anything else (x, u, c... after the backslash) is kept as written.
     */
    static String expandEscapes(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                i++;
                continue;
            }
            char e = s.charAt(i + 1);
            String replacement = switch (e) {
                case 'a' -> "\u0007";
                case 'b' -> "\b";
                case 'f' -> "\f";
                case 'n' -> "\n";
                case 'r' -> "\r";
                case 't' -> "\t";
                case 'v' -> "\u000b";
                case '\\' -> "\\";
                case '"' -> "\"";
                case '$' -> "$$";
                default -> null;
            };
            if (replacement != null) {
                b.append(replacement);
                i += 2;
            } else if (e == '0') {
                int end = i + 2;
                while (end < s.length() && end < i + 5 && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
                    end++;
                }
                String digits = s.substring(i + 2, end);
                // Exactly three octal digits of a byte value; anything else stays as written.
                if (digits.matches("[0-7]{3}") && Integer.parseInt(digits, 8) <= 0xFF) {
                    b.append((char) Integer.parseInt(digits, 8));
                } else {
                    b.append(s, i, end);
                }
                i = end;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    private ComposeException error(int atLine, String message) {
        String located = "line " + atLine + ": " + message;
        return ComposeException.config(label == null ? located : "failed to read " + label + ": " + located);
    }

    /** Letters and numbers of any script, and _ . - [ ]. */
    private static boolean isKeyChar(int cp) {
        if (cp == '_' || cp == '.' || cp == '-' || cp == '[' || cp == ']' || Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** White space other than the line feed. */
    private static boolean isInlineSpace(int cp) {
        return cp == '\t' || cp == 0x0B || cp == '\f' || cp == '\r' || cp == ' ' || cp == 0x85 || cp == 0xA0;
    }

    /** Unicode white space, line feed included. */
    static boolean isSpace(int cp) {
        return cp == '\n' || isInlineSpace(cp) || (cp > 0xFF && Character.isSpaceChar(cp));
    }

    private static String trimRight(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(0, end);
    }
}
