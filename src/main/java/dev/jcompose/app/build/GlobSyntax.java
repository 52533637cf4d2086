package dev.jcompose.app.build;

/**
 * The syntax check Go's filepath.Match applies to a whole pattern, which moby/patternmatcher runs on every
 * pattern when the matcher is created: a dangling backslash, an unclosed or empty bracket, or a bracket range
 * missing an end are errors. Reversed ranges ("[z-a]") are not: they just never match.
 */
final class GlobSyntax {
    private GlobSyntax() {
    }

    static boolean valid(String pattern) {
        int[] cps = pattern.codePoints().toArray();
        int i = 0;
        while (i < cps.length) {
            int c = cps[i++];
            if (c == '\\') {
                if (i == cps.length) {
                    return false;
                }
                i++;
            } else if (c == '[') {
                i = classEnd(cps, i);
                if (i < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Index after the class closing at or after {@code start}, or -1 when the class is malformed. */
    private static int classEnd(int[] cps, int start) {
        int i = start;
        if (i < cps.length && cps[i] == '^') {
            i++;
        }
        int ranges = 0;
        while (true) {
            if (i < cps.length && cps[i] == ']' && ranges > 0) {
                return i + 1;
            }
            i = escapedChar(cps, i);
            if (i < 0) {
                return -1;
            }
            if (cps[i] == '-') {
                i = escapedChar(cps, i + 1);
                if (i < 0) {
                    return -1;
                }
            }
            ranges++;
        }
    }

    /** Go's getEsc: one (possibly escaped) class character that must be followed by more of the pattern. */
    private static int escapedChar(int[] cps, int start) {
        int i = start;
        if (i >= cps.length || cps[i] == '-' || cps[i] == ']') {
            return -1;
        }
        if (cps[i] == '\\') {
            i++;
            if (i >= cps.length) {
                return -1;
            }
        }
        i++;
        return i >= cps.length ? -1 : i;
    }
}
