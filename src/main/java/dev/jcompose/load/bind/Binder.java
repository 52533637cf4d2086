package dev.jcompose.load.bind;

import dev.jcompose.load.tree.MapNode;
import dev.jcompose.model.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Binds the canonical tree to the immutable model records. */
public final class Binder {
    private Binder() {
    }

    public static Project bind(String projectName, Path projectDir, List<Path> configFiles, MapNode canonical,
            MapNode disabledServices, Map<String, String> environment) {
        throw new UnsupportedOperationException("not yet implemented: bind");
    }
}
