package dev.jcompose.load.discover;

import dev.jcompose.load.tree.MapNode;
import java.nio.file.Path;
import java.util.Map;

/** Project name: -p > COMPOSE_PROJECT_NAME > top-level name: > basename of the project dir; normalised. */
public final class ProjectName {
    private ProjectName() {
    }

    public static String resolve(String flag, Map<String, String> environment, MapNode root, Path projectDir) {
        throw new UnsupportedOperationException("not yet implemented: project name");
    }
}
