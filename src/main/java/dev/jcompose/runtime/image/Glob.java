package dev.jcompose.runtime.image;

import java.util.regex.Pattern;

/** Go's path.Match: {@code *} and {@code ?} never match '/', {@code [...]} classes, backslash escapes. */
public final class Glob {
    private Glob() {
    }

    public static boolean matches(String pattern, String text) {
        return Pattern.compile(toRegex(pattern)).matcher(text).matches();
    }

    public static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end); // a leading ^ negates, in Go as in Java
                        regex.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = end;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
