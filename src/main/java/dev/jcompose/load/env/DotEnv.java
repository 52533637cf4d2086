package dev.jcompose.load.env;

import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compose's .env syntax.
 * <ul>
 * <li>Blank lines and lines starting with {@code #} are skipped; leading white space and {@code export } are
 * stripped. {@code KEY=VAL} and {@code KEY: VAL}; white space around the separator is allowed. Keys are letters
 * and digits of any script and {@code _ . - [ ]}.</li>
 * <li>Unquoted values end at the line end; {@code " #"} starts a comment; trailing white space is trimmed.</li>
 * <li>Single-quoted values are literal ({@code \'} keeps a quote). Double-quoted values expand
 * {@code \n \t \r \\ \" \$} and friends. Quoted values may span lines; an unterminated quote is an error.</li>
 * <li>Unquoted and double-quoted values are interpolated; a variable is looked up in the given lookup (the OS
 * environment) first, then among the keys defined earlier.</li>
 * <li>A bare {@code KEY} takes its value from the lookup and is dropped when the lookup has none;
 * {@code KEY=} is the empty string. A leading byte-order mark is ignored.</li>
 * </ul>
 */
public final class DotEnv {
    private DotEnv() {
    }

    /** Parses text with no file name in errors; unset variables are not reported. */
    public static Map<String, String> parse(String text, Function<String, String> lookup) {
        Map<String, String> out = new LinkedHashMap<>();
        parseInto(null, text, out, lookup, name -> { });
        return out;
    }

    /**
     * Parses text into out (keys in file order). Keys already in out are visible to interpolation after the
     * lookup, and are overwritten by the file.
     *
     * @param label         the file name errors give ("failed to read LABEL: line N: ..."), or null
     * @param lookup        value of a variable, null when unset
     * @param unsetVariable told each variable that an interpolation found unset
     */
    public static void parseInto(String label, String text, Map<String, String> out,
            Function<String, String> lookup, Consumer<String> unsetVariable) {
        new DotEnvParser(label, text, out, lookup, unsetVariable).parse();
    }

    /**
     * Reads several files in order into one map (a later file wins), interpolating with the current environment
     * first, then the values read so far. This is how --env-file and the project's .env are read.
     */
    public static Map<String, String> readFiles(List<Path> files, Map<String, String> current,
            Consumer<String> unsetVariable) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path file : files) {
            Path abs = file.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw new ComposeException(ComposeException.Kind.NOT_FOUND, "couldn't find env file: " + abs);
            }
            if (Files.isDirectory(abs)) {
                throw ComposeException.config(abs + " is a directory");
            }
            parseInto(abs.toString(), readText(abs), out, name -> {
                String v = current.get(name);
                return v != null ? v : out.get(name);
            }, unsetVariable);
        }
        return out;
    }

    static String readText(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ComposeException.config("couldn't read env file: " + file + ": " + e.getMessage());
        }
    }
}
