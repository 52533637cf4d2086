package dev.jcompose.load.env;

import java.nio.file.Path;
import java.util.Map;
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
        throw new UnsupportedOperationException("not yet implemented: env_file");
    }
}
