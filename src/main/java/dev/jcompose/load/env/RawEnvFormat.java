package dev.jcompose.load.env;

import dev.jcompose.error.ComposeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code format: raw} of env_file: docker run's --env-file syntax. One {@code KEY=VALUE} per line, taken as
 * written (no interpolation, no escapes, trailing white space kept); a value wrapped in one kind of quotes loses
 * them. Blank lines and lines starting with {@code #} are skipped; a bare {@code KEY} takes its value from the
 * lookup or is dropped.
 */
final class RawEnvFormat {
    private RawEnvFormat() {
    }

    static Map<String, String> parse(String label, String text, Function<String, String> lookup) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            line = line.stripLeading();
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            if (key.isEmpty()) {
                throw ComposeException.config("failed to parse env_file " + label + ": line " + (i + 1)
                        + ": no variable name on line '" + line + "'");
            }
            if (key.indexOf(' ') >= 0 || key.indexOf('\t') >= 0) {
                throw ComposeException.config("failed to parse env_file " + label + ": line " + (i + 1)
                        + ": variable '" + key + "' contains whitespaces");
            }
            String value = eq < 0 ? lookup.apply(key) : line.substring(eq + 1);
            if (value != null) {
                out.put(key, unquote(value));
            }
        }
        return out;
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }
}
