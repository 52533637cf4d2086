package dev.jcompose.load.merge;

import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.NodeTag;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Compose's {@code !reset} and {@code !override} markers. A merge step carries the markers of the overriding side
 * into its result, so that a value an extending service resets also resets the same value of an earlier file
 * (compose-go applies a document's reset paths to both). {@link #clean} drops them once merging is over.
 */
final class Tags {
    private Tags() {
    }

    static boolean isReset(Node node) {
        return node != null && node.tag() == NodeTag.RESET;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.isNull();
    }

    /** The tree without {@code !reset} values and without tags. */
    static Node clean(Node node) {
        return switch (node) {
            case ScalarNode s -> s.tag() == NodeTag.NONE ? s : s.withTag(NodeTag.NONE);
            case SeqNode q -> {
                List<Node> items = new ArrayList<>(q.size());
                for (Node item : q.items()) {
                    if (!isReset(item)) {
                        items.add(clean(item));
                    }
                }
                yield new SeqNode(q.mark(), NodeTag.NONE, items);
            }
            case MapNode m -> {
                MapNode.Builder b = MapNode.builder(m.mark());
                m.entries().forEach((k, v) -> {
                    if (!isReset(v)) {
                        b.put(k, m.keyMark(k), clean(v));
                    }
                });
                yield b.build();
            }
        };
    }
}
