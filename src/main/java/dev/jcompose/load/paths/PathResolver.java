package dev.jcompose.load.paths;

import dev.jcompose.load.tree.MapNode;
import java.nio.file.Path;

/**
 * Makes the relative paths of one compose document absolute against a base directory (the directory of the file
 * that wrote them): build.context and additional_contexts (unless URLs), env_file, bind-mount sources (".", "..",
 * "~"), secrets/configs file, extends.file, include paths, label_file...
 */
public final class PathResolver {
    private PathResolver() {
    }

    public static MapNode resolve(MapNode document, Path baseDir, String home) {
        throw new UnsupportedOperationException("not yet implemented: relative paths");
    }
}
