package dev.jcompose.load.env;

import dev.jcompose.error.ComposeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Reads a service's env_file: .env syntax (or format "raw": KEY=VALUE taken literally). */
public final class EnvFiles {
    private EnvFiles() {
    }

    /**
     * @param lookup variables for interpolation inside the file (the project environment)
     * @return keys in file order; a missing file gives an empty map when not required, else a CONFIG error
     */
    public static Map<String, String> read(Path file, boolean required, String format,
            Function<String, String> lookup) {
        return read(file, required, format, lookup, name -> { });
    }

    /**
     * Like {@link #read(Path, boolean, String, Function)}, telling unsetVariable each variable an interpolation
     * inside the file found unset (compose warns about them).
     */
    public static Map<String, String> read(Path file, boolean required, String format,
            Function<String, String> lookup, Consumer<String> unsetVariable) {
        if (!Files.exists(file)) {
            if (required) {
                throw ComposeException.config("env file " + file + " not found");
            }
            return new LinkedHashMap<>();
        }
        if (Files.isDirectory(file)) {
            throw ComposeException.config("env file " + file + " is a directory");
        }
        String text = DotEnv.readText(file);
        if (format == null || format.isEmpty() || format.equals(".env")) {
            Map<String, String> out = new LinkedHashMap<>();
            DotEnv.parseInto(file.toString(), text, out, lookup, unsetVariable);
            return out;
        }
        if (format.equals("raw")) {
            return RawEnvFormat.parse(file.toString(), text, lookup);
        }
        throw ComposeException.config("unsupported env_file format \"" + format + "\" for " + file);
    }
}
