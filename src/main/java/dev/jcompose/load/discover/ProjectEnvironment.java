package dev.jcompose.load.discover;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.Warnings;
import dev.jcompose.load.env.DotEnv;
import dev.jcompose.load.interpolate.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment compose files are interpolated with. It starts as the OS environment; each env file read
 * adds only the keys not set yet, so the shell always wins and a file read earlier wins over one read later.
 * Inside one batch of files (several --env-file) a later file wins.
 */
final class ProjectEnvironment {
    static final String DISABLE_ENV_FILE = "COMPOSE_DISABLE_ENV_FILE";
    static final String ENV_FILES = "COMPOSE_ENV_FILES";

    private final Map<String, String> values;
    private final Set<Path> loaded = new HashSet<>();
    private final Warnings warnings;

    ProjectEnvironment(Map<String, String> osEnv, Path cwd, Warnings warnings) {
        this.values = new LinkedHashMap<>(osEnv);
        this.warnings = warnings;
        // docker compose provides PWD when the process did not inherit one.
        values.putIfAbsent("PWD", cwd.toString());
    }

    Map<String, String> values() {
        return values;
    }

    String get(String key) {
        return values.get(key);
    }

    /** --env-file values, else COMPOSE_ENV_FILES (comma-separated) from the OS environment; against cwd. */
    static List<Path> explicitFiles(List<String> envFileFlags, Map<String, String> osEnv, Path cwd) {
        List<String> names = new ArrayList<>(envFileFlags);
        if (names.isEmpty() && osEnv.get(ENV_FILES) != null) {
            for (String name : osEnv.get(ENV_FILES).split(",")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names.stream().map(n -> cwd.resolve(ComposeFiles.expandHome(n)).normalize()).toList();
    }

    /** COMPOSE_DISABLE_ENV_FILE from the OS environment, read as Go's ParseBool does. */
    static boolean dotEnvDisabled(Map<String, String> osEnv) {
        String v = osEnv.get(DISABLE_ENV_FILE);
        if (v == null) {
            return false;
        }
        return switch (v) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw ComposeException.config(DISABLE_ENV_FILE + ": invalid boolean value \"" + v + "\"");
        };
    }

    /** The .env of dir when it is a file; empty otherwise. */
    static List<Path> dotEnvIn(Path dir) {
        Path file = dir.resolve(".env");
        return Files.isRegularFile(file) ? List.of(file) : List.of();
    }

    /** Reads the files as one batch and adds the keys not set yet; files read before are skipped. */
    void load(List<Path> files) {
        List<Path> fresh = files.stream().filter(f -> !loaded.contains(f)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, String> read = DotEnv.readFiles(fresh, values,
                name -> warnings.add(Template.unsetWarning(name)));
        read.forEach(values::putIfAbsent);
        loaded.addAll(fresh);
    }
}
