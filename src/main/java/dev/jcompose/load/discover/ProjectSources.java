package dev.jcompose.load.discover;

import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.Warnings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the loader starts from: the project directory, the compose files in order, and the environment used for
 * interpolation (shell > --env-file > .env of the project directory, COMPOSE_* from env files exported).
 */
public record ProjectSources(Path projectDir, List<SourceFile> files, Map<String, String> environment) {
    public ProjectSources {
        files = List.copyOf(files);
        environment = Map.copyOf(environment);
    }

    /** Finds the files and assembles the environment. */
    public static ProjectSources resolve(LoadOptions options, Warnings warnings) {
        throw new UnsupportedOperationException("not yet implemented: file discovery and environment");
    }
}
