package dev.jcompose.load.merge;

import dev.jcompose.load.tree.MapNode;
import java.util.List;

/** Merges the documents of several -f files, later over earlier, with the rules of the compose spec. */
public final class Merger {
    private Merger() {
    }

    public static MapNode merge(List<MapNode> documents) {
        throw new UnsupportedOperationException("not yet implemented: merge");
    }
}
