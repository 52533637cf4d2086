package dev.jcompose.load.discover;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.Warnings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which compose files a command loads: the -f values, else COMPOSE_FILE, else the first directory from the start
 * upwards that holds one of the default names (plus its override file). A null path stands for stdin ("-").
 */
final class ComposeFiles {
    /** In compose's order of preference. */
    static final List<String> DEFAULT_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yml",
            "docker-compose.yaml");
    static final List<String> OVERRIDE_NAMES = List.of("compose.override.yml", "compose.override.yaml",
            "docker-compose.override.yml", "docker-compose.override.yaml");

    private ComposeFiles() {
    }

    /** Resolves each value against cwd; every file must exist. */
    static List<Path> named(List<String> values, Path cwd) {
        List<Path> out = new ArrayList<>();
        for (String value : values) {
            if (value.equals("-")) {
                out.add(null);
                continue;
            }
            Path file = cwd.resolve(expandHome(value)).normalize();
            if (!Files.exists(file)) {
                throw new ComposeException(ComposeException.Kind.NOT_FOUND,
                        "open " + file + ": no such file or directory");
            }
            out.add(file);
        }
        return out;
    }

    /** COMPOSE_FILE split on the separator; empty entries are ignored. */
    static List<Path> fromVariable(String composeFile, String separator, Path cwd) {
        List<String> values = new ArrayList<>();
        for (String part : composeFile.split(java.util.regex.Pattern.quote(separator), -1)) {
            if (!part.isEmpty()) {
                values.add(part);
            }
        }
        return named(values, cwd);
    }

    /** The first directory from start upwards with a compose file wins; none found is an error. */
    static List<Path> discover(Path start, Warnings warnings) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            List<Path> candidates = existing(dir, DEFAULT_NAMES);
            if (candidates.isEmpty()) {
                continue;
            }
            List<Path> out = new ArrayList<>();
            out.add(pick(candidates, "config", warnings));
            List<Path> overrides = existing(dir, OVERRIDE_NAMES);
            if (!overrides.isEmpty()) {
                out.add(pick(overrides, "override", warnings));
            }
            return out;
        }
        throw new ComposeException(ComposeException.Kind.NOT_FOUND, "no configuration file provided: not found");
    }

    private static Path pick(List<Path> candidates, String kind, Warnings warnings) {
        if (candidates.size() > 1) {
            warnings.add("Found multiple " + kind + " files with supported names: "
                    + String.join(", ", candidates.stream().map(Path::toString).toList()));
            warnings.add("Using " + candidates.get(0));
        }
        return candidates.get(0);
    }

    private static List<Path> existing(Path dir, List<String> names) {
        List<Path> out = new ArrayList<>();
        for (String name : names) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                out.add(file);
            }
        }
        return out;
    }

    /** The file with its text; labelled relative to cwd when inside it, so messages stay short. */
    static SourceFile read(Path file, Path cwd, String stdin) {
        if (file == null) {
            return new SourceFile("<stdin>", null, stdin == null ? "" : stdin);
        }
        if (Files.isDirectory(file)) {
            throw ComposeException.config("read " + file + ": is a directory");
        }
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            String label = file.startsWith(cwd) && !file.equals(cwd) ? cwd.relativize(file).toString()
                    : file.toString();
            return new SourceFile(label, file, text);
        } catch (IOException e) {
            throw ComposeException.config("read " + file + ": " + e.getMessage());
        }
    }

    /** A leading ~ means the user's home, as compose expands it for -f and --env-file. */
    static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }
}
