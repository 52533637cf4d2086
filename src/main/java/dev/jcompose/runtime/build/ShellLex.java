package dev.jcompose.runtime.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's word expansion for the instructions it substitutes (FROM, COPY, ADD, ENV, ARG, LABEL, WORKDIR, USER,
 * EXPOSE, VOLUME, STOPSIGNAL): 'single' quotes are literal, "double" quotes expand, the escape character quotes
 * the next character, {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}},
 * {@code ${VAR:+alt}}, {@code ${VAR+alt}}. Unset variables expand to nothing. Quotes are removed.
 */
public final class ShellLex {
    private final char escape;

    public ShellLex(char escape) {
        this.escape = escape;
    }

    /** One word: quotes removed, variables expanded, whitespace kept. */
    public String word(String text, Map<String, String> env) {
        List<String> words = new Run(text, env, false).words();
        return words.isEmpty() ? "" : words.get(0);
    }

    /** Words split on unquoted whitespace (also whitespace that unquoted expansions bring in). */
    public List<String> words(String text, Map<String, String> env) {
        return new Run(text, env, true).words();
    }

    /** The raw (unexpanded) words of key=value lists: split on unquoted whitespace, quotes kept. */
    List<String> rawWords(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == escape && quote != '\'' && i + 1 < text.length()) {
                word.append(c).append(text.charAt(++i));
            } else if (quote != 0) {
                word.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word.append(c);
            } else if (Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new BuildException("unexpected end of statement while looking for matching " + quote);
        }
        if (!word.isEmpty()) {
            out.add(word.toString());
        }
        return out;
    }

    private final class Run {
        private final String text;
        private final Map<String, String> env;
        private final boolean split;
        private final List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;
        private int pos;

        Run(String text, Map<String, String> env, boolean split) {
            this.text = text;
            this.env = env;
            this.split = split;
        }

        List<String> words() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\'') {
                    pos++;
                    single();
                } else if (c == '"') {
                    pos++;
                    dbl();
                } else if (c == escape) {
                    pos++;
                    if (pos < text.length()) {
                        append(String.valueOf(text.charAt(pos++)));
                    } else {
                        append(String.valueOf(c));
                    }
                } else if (c == '$') {
                    pos++;
                    String value = variable();
                    if (split) {
                        unquoted(value);
                    } else {
                        append(value);
                    }
                } else if (split && Character.isWhitespace(c)) {
                    pos++;
                    endWord();
                } else {
                    pos++;
                    append(String.valueOf(c));
                }
            }
            if (!split || inWord) {
                words.add(word.toString());
            }
            return words;
        }

        private void append(String s) {
            word.append(s);
            inWord = true;
        }

        private void endWord() {
            if (inWord) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
        }

        /** An unquoted expansion splits into words on its whitespace. */
        private void unquoted(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isWhitespace(c)) {
                    endWord();
                } else {
                    append(String.valueOf(c));
                }
            }
        }

        private void single() {
            inWord = true;
            while (pos < text.length() && text.charAt(pos) != '\'') {
                word.append(text.charAt(pos++));
            }
            if (pos >= text.length()) {
                throw new BuildException("unexpected end of statement while looking for matching single-quote");
            }
            pos++;
        }

        private void dbl() {
            inWord = true;
            while (pos < text.length() && text.charAt(pos) != '"') {
                char c = text.charAt(pos);
                if (c == escape && pos + 1 < text.length() && "\"$".indexOf(text.charAt(pos + 1)) >= 0
                        || c == escape && pos + 1 < text.length() && text.charAt(pos + 1) == escape) {
                    word.append(text.charAt(pos + 1));
                    pos += 2;
                } else if (c == '$') {
                    pos++;
                    word.append(variable());
                } else {
                    word.append(c);
                    pos++;
                }
            }
            if (pos >= text.length()) {
                throw new BuildException("unexpected end of statement while looking for matching double-quote");
            }
            pos++;
        }

        /** After a '$': the variable's value (a lone '$' stays itself). */
        private String variable() {
            if (pos >= text.length()) {
                return "$";
            }
            if (text.charAt(pos) == '{') {
                pos++;
                int nameStart = pos;
                while (pos < text.length() && isNameChar(text.charAt(pos))) {
                    pos++;
                }
                String name = text.substring(nameStart, pos);
                if (pos >= text.length()) {
                    throw new BuildException("missing '}' in ${" + name);
                }
                char c = text.charAt(pos);
                if (c == '}') {
                    pos++;
                    return env.getOrDefault(name, "");
                }
                boolean colon = c == ':';
                if (colon) {
                    pos++;
                }
                char op = pos < text.length() ? text.charAt(pos++) : 0;
                String operand = braced();
                String value = env.get(name);
                boolean set = value != null && (!colon || !value.isEmpty());
                return switch (op) {
                    case '-' -> set ? value : new ShellLex(escape).word(operand, env);
                    case '+' -> set ? new ShellLex(escape).word(operand, env) : "";
                    default -> throw new BuildException("unsupported modifier (" + op + ") in substitution");
                };
            }
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                return "$";
            }
            return env.getOrDefault(text.substring(start, pos), "");
        }

        /** The raw text up to the matching '}'. */
        private String braced() {
            int depth = 1;
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == escape) {
                    pos += 2;
                    continue;
                }
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return text.substring(start, pos++);
                }
                pos++;
            }
            throw new BuildException("missing '}' in substitution");
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
