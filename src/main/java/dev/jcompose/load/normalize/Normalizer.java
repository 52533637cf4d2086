package dev.jcompose.load.normalize;

import dev.jcompose.load.Warnings;
import dev.jcompose.load.tree.MapNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * Canonical form: short syntax → long syntax (ports, volumes, depends_on, env_file, secrets, configs,
 * healthcheck, networks...), defaults (build.context ".", dockerfile "Dockerfile", the default network), names of
 * networks/volumes (project_key), environment resolved (env_file applied), relative paths made absolute.
 */
public final class Normalizer {
    private Normalizer() {
    }

    /** Inputs of the normalisation. */
    public record Context(String projectName, Path projectDir, Map<String, String> environment,
            boolean resolvePaths) {
    }

    public static MapNode normalize(MapNode root, Context context, Warnings warnings) {
        throw new UnsupportedOperationException("not yet implemented: normalize");
    }
}
