package dev.jcompose.load;

import dev.jcompose.load.discover.SourceFile;
import dev.jcompose.load.tree.MapNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The per-file phases: parse (all documents) → interpolate → include → extends. Returns one tree per document,
 * ready for the cross-file merge.
 */
public final class FileAssembler {
    private FileAssembler() {
    }

    public static List<MapNode> assemble(SourceFile file, Path projectDir, Map<String, String> environment,
            LoadOptions options, Warnings warnings) {
        throw new UnsupportedOperationException("not yet implemented: per-file phases");
    }
}
