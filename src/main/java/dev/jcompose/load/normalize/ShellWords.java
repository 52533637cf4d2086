package dev.jcompose.load.normalize;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into words the way compose-go does (mattn/go-shellwords without environment or
 * backtick expansion): whitespace separates words, single quotes are literal, double quotes group, a backslash
 * escapes the next character outside single quotes, and an unquoted {@code ; & | < >} ends the command.
 */
public final class ShellWords {
    private ShellWords() {
    }

    public static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder buf = new StringBuilder();
        boolean escaped = false;
        boolean doubleQuoted = false;
        boolean singleQuoted = false;
        boolean backQuote = false;
        boolean dollarQuote = false;
        boolean got = false;
        loop:
        for (int i = 0; i < line.length(); i++) {
            char r = line.charAt(i);
            if (escaped) {
                buf.append(r == 't' ? '\t' : r == 'n' ? '\n' : r);
                escaped = false;
                got = true;
                continue;
            }
            if (r == '\\') {
                if (singleQuoted) {
                    buf.append(r);
                } else {
                    escaped = true;
                }
                continue;
            }
            if (r == ' ' || r == '\t' || r == '\r' || r == '\n') {
                if (singleQuoted || doubleQuoted || backQuote || dollarQuote) {
                    buf.append(r);
                } else if (got) {
                    args.add(buf.toString());
                    buf.setLength(0);
                    got = false;
                }
                continue;
            }
            boolean quoted = singleQuoted || doubleQuoted;
            switch (r) {
                case '`' -> {
                    if (!quoted && !dollarQuote) {
                        backQuote = !backQuote;
                    }
                }
                case ')' -> {
                    if (!quoted && !backQuote) {
                        if (!dollarQuote) {
                            throw invalid();
                        }
                        buf.append(r);
                        dollarQuote = false;
                        got = true;
                        continue;
                    }
                }
                case '(' -> {
                    if (!quoted && !backQuote) {
                        if (!dollarQuote && buf.toString().endsWith("$")) {
                            dollarQuote = true;
                            buf.append('(');
                            continue;
                        }
                        throw invalid();
                    }
                }
                case '"' -> {
                    if (!singleQuoted && !dollarQuote) {
                        if (doubleQuoted) {
                            got = true;
                        }
                        doubleQuoted = !doubleQuoted;
                        continue;
                    }
                }
                case '\'' -> {
                    if (!doubleQuoted && !dollarQuote) {
                        if (singleQuoted) {
                            got = true;
                        }
                        singleQuoted = !singleQuoted;
                        continue;
                    }
                }
                case ';', '&', '|', '<', '>' -> {
                    if (!(quoted || backQuote || dollarQuote)) {
                        if (r == '>' && !buf.isEmpty() && Character.isDigit(buf.charAt(0))) {
                            // "2>file": the digits are a redirection, not a word.
                            got = false;
                        }
                        break loop;
                    }
                }
                default -> {
                }
            }
            got = true;
            buf.append(r);
        }
        if (got) {
            args.add(buf.toString());
        }
        if (escaped || singleQuoted || doubleQuoted || backQuote || dollarQuote) {
            throw invalid();
        }
        return args;
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("invalid command line string");
    }
}
