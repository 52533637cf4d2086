package dev.jcompose.load.discover;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.ScalarNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Project name: -p > COMPOSE_PROJECT_NAME > top-level name: > basename of the project dir; normalised. */
public final class ProjectName {
    public static final String ENV = "COMPOSE_PROJECT_NAME";

    private ProjectName() {
    }

    /**
     * An explicit name (-p, COMPOSE_PROJECT_NAME) must already be valid; a name from the file or the directory
     * is normalised (lowercased, other characters than [a-z0-9_-] dropped, leading _ and - trimmed).
     */
    public static String resolve(String flag, Map<String, String> environment, MapNode root, Path projectDir) {
        if (flag != null && !flag.isEmpty()) {
            return checked(flag);
        }
        String fromEnv = environment.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return checked(fromEnv);
        }
        String name;
        if (root != null && root.get("name") instanceof ScalarNode s && !s.text().isEmpty()) {
            name = normalize(s.text());
        } else {
            Path base = projectDir == null ? null : projectDir.toAbsolutePath().normalize().getFileName();
            name = normalize(base == null ? "" : base.toString());
        }
        if (name.isEmpty()) {
            throw ComposeException.config("project name must not be empty");
        }
        return name;
    }

    /** Lowercase, keep [a-z0-9_-], trim leading _ and -. */
    public static String normalize(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                if (b.isEmpty() && (c == '_' || c == '-')) {
                    continue;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String checked(String name) {
        if (!normalize(name).equals(name)) {
            throw ComposeException.config("invalid project name \"" + name + "\": must consist only of lowercase "
                    + "alphanumeric characters, hyphens, and underscores as well as start with a letter or number");
        }
        return name;
    }
}
