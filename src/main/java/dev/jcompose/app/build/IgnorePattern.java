package dev.jcompose.app.build;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One cleaned .dockerignore pattern with moby/patternmatcher's semantics: {@code *} and {@code ?} never cross a
 * slash, {@code **} crosses any number of directories (zero included), a leading {@code !} makes an exception.
 * Like moby, a pattern is classified once: an exact name, a prefix ({@code dir/**}), a suffix ({@code **}/x) or a
 * regular expression, because most real patterns need no regex at all.
 */
final class IgnorePattern {
    enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    /** Characters that mean something to a regex but nothing to a filepath pattern. */
    private static final String REGEX_ONLY = ".+()|{}$";

    private final String text;
    private final boolean exception;
    private Kind kind;
    private Pattern regex;
    private boolean broken;

    /** {@code cleaned}: the pattern after Go's filepath.Clean, without its leading '!'. */
    IgnorePattern(String cleaned, boolean exception) {
        this.text = cleaned;
        this.exception = exception;
    }

    String text() {
        return text;
    }

    boolean exception() {
        return exception;
    }

    /** The match kind (compiled on first use, as moby compiles lazily). */
    Kind kind() throws BadPatternException {
        compile();
        return kind;
    }

    /** The compiled expression for REGEX patterns (null otherwise), for tests. */
    String regex() throws BadPatternException {
        compile();
        return regex == null ? null : regex.pattern();
    }

    /** Does the slash-separated relative {@code path} match this pattern itself (parents are the matcher's job)? */
    boolean matches(String path) throws BadPatternException {
        compile();
        return switch (kind) {
            case EXACT -> path.equals(text);
            case PREFIX -> path.startsWith(text.substring(0, text.length() - 2));
            case SUFFIX -> {
                String suffix = text.substring(2);
                // "**/foo" also matches "foo" at the top level
                yield path.endsWith(suffix) || (suffix.startsWith("/") && path.equals(suffix.substring(1)));
            }
            case REGEX -> regex.matcher(path).matches();
        };
    }

    private void compile() throws BadPatternException {
        if (broken) {
            throw BadPatternException.syntax(text);
        }
        if (kind != null) {
            return;
        }
        StringBuilder re = new StringBuilder("^");
        Kind detected = Kind.EXACT;
        int[] cps = text.codePoints().toArray();
        int pos = 0;
        for (int token = 0; pos < cps.length; token++) {
            int ch = cps[pos++];
            if (ch == '*') {
                if (pos < cps.length && cps[pos] == '*') {
                    pos++;
                    if (pos < cps.length && cps[pos] == '/') {
                        pos++; // "**/" behaves as "**"
                    }
                    if (pos == cps.length) {
                        // trailing "**" accepts everything below, like .gitignore
                        if (detected == Kind.EXACT) {
                            detected = Kind.PREFIX;
                        } else {
                            re.append(".*");
                            detected = Kind.REGEX;
                        }
                    } else {
                        re.append("(.*/)?");
                        detected = Kind.REGEX;
                    }
                    if (token == 0) {
                        detected = Kind.SUFFIX;
                    }
                } else {
                    re.append("[^/]*");
                    detected = Kind.REGEX;
                }
            } else if (ch == '?') {
                re.append("[^/]");
                detected = Kind.REGEX;
            } else if (ch < 128 && REGEX_ONLY.indexOf(ch) >= 0) {
                re.append('\\').appendCodePoint(ch);
            } else if (ch == '\\') {
                if (pos < cps.length) {
                    re.append('\\').appendCodePoint(cps[pos++]);
                    detected = Kind.REGEX;
                } else {
                    re.append("\\\\");
                }
            } else if (ch == '[' || ch == ']') {
                re.appendCodePoint(ch);
                detected = Kind.REGEX;
                if (ch == '[') {
                    pos = copyClass(cps, pos, re);
                }
            } else {
                re.appendCodePoint(ch);
            }
        }
        if (detected == Kind.REGEX) {
            re.append('$');
            try {
                regex = Pattern.compile(re.toString());
            } catch (PatternSyntaxException e) {
                broken = true;
                throw BadPatternException.syntax(text);
            }
        }
        kind = detected;
    }

    /**
     * Copies a character class body up to its closing bracket. Go's RE2 reads '[' and '&' inside a class
     * literally; Java would start a nested class or an intersection, so those two are escaped here.
     */
    private static int copyClass(int[] cps, int pos, StringBuilder re) {
        int p = pos;
        while (p < cps.length && cps[p] != ']') {
            int c = cps[p++];
            if (c == '\\' && p < cps.length) {
                re.append('\\').appendCodePoint(cps[p++]);
            } else if (c == '[' || c == '&') {
                re.append('\\').appendCodePoint(c);
            } else {
                re.appendCodePoint(c);
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return (exception ? "!" : "") + text;
    }

    /** Go's filepath.ErrBadPattern. */
    static final class BadPatternException extends Exception {
        BadPatternException(String message) {
            super(message);
        }

        static BadPatternException syntax(String pattern) {
            return new BadPatternException("syntax error in pattern: " + pattern);
        }
    }
}
