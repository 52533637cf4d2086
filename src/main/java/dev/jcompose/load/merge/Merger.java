package dev.jcompose.load.merge;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Mark;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.Where;
import java.util.List;
import java.util.Set;

/**
 * Merges the documents of several -f files, later over earlier, with the rules of the compose spec as compose-go
 * implements them (override/merge.go and override/uncity.go): mappings merge recursively, sequences append, a few
 * attributes follow the rules of {@link MergeRules}, {@code !reset} removes a value and {@code !override} replaces
 * it; then entries of unique-resource lists that redefine an earlier entry replace it ({@link Unicity}).
 */
public final class Merger {
    private Merger() {
    }

    public static MapNode merge(List<MapNode> documents) {
        if (documents.isEmpty()) {
            return MapNode.empty(Mark.synthetic("(no compose file)"));
        }
        Node merged = documents.get(0);
        for (MapNode next : documents.subList(1, documents.size())) {
            merged = MergeEngine.merge(merged, next, KeyPath.ROOT);
        }
        if (!(merged instanceof MapNode root)) {
            // Only a tagged top-level document can get here; compose-go has no meaning for it either.
            throw new Where(merged.mark(), KeyPath.ROOT).error("top-level object must be a mapping");
        }
        return (MapNode) Unicity.enforce(Tags.clean(root), KeyPath.ROOT);
    }

    /**
     * One merge step at a path, as extends (base service, extending service at {@code services.<name>}) and include
     * (imported resource, local definition) use it. {@code !reset}/{@code !override} markers of the override stay
     * in the result so a later file merge honours them too; {@link #merge} removes them at the end.
     */
    public static Node mergeValue(Node base, Node override, KeyPath path) {
        return MergeEngine.merge(base, override, path);
    }

    /** The tree without {@code !reset} values and without tags, as a base for another merge. */
    public static Node clean(Node node) {
        return Tags.clean(node);
    }

    /** The path patterns that have their own merge rule. */
    public static Set<String> specialPaths() {
        return MergeRules.patterns();
    }
}
