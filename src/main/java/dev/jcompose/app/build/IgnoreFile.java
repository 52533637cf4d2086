package dev.jcompose.app.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a .dockerignore file the way moby's ignorefile.ReadAll does: a UTF-8 BOM is dropped, lines starting with
 * '#' are comments (checked before trimming, so " #x" is a pattern), blank lines are skipped, every pattern is
 * trimmed and cleaned, and a leading '/' is dropped because patterns are relative to the context anyway.
 */
final class IgnoreFile {
    private IgnoreFile() {
    }

    static List<String> parse(String content) {
        List<String> patterns = new ArrayList<>();
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        for (String line : text.split("\n", -1)) {
            String pattern = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (pattern.startsWith("#")) {
                continue;
            }
            pattern = trim(pattern);
            if (pattern.isEmpty()) {
                continue;
            }
            boolean invert = pattern.charAt(0) == '!';
            if (invert) {
                pattern = trim(pattern.substring(1));
            }
            if (!pattern.isEmpty()) {
                pattern = PatternMatcher.clean(pattern);
                if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                    pattern = pattern.substring(1);
                }
            }
            patterns.add(invert ? "!" + pattern : pattern);
        }
        return patterns;
    }

    /** Go's strings.TrimSpace: Unicode white space, no-break space included (Java's strip() keeps U+00A0). */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000b', '\f', '\r', ' ', '\u0085', '\u00a0' -> true;
            default -> Character.getType(c) == Character.SPACE_SEPARATOR
                    || c == '\u2028' || c == '\u2029';
        };
    }
}
