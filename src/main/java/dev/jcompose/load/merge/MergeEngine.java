package dev.jcompose.load.merge;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.NodeTag;
import dev.jcompose.load.tree.SeqNode;
import dev.jcompose.load.tree.Where;
import java.util.ArrayList;
import java.util.List;

/**
 * One merge step of an overriding value onto a base value at a path: the path's rule when {@link MergeRules} has
 * one, otherwise mappings merge key by key, sequences append and anything else is replaced.
 */
final class MergeEngine {
    private MergeEngine() {
    }

    static Node merge(Node base, Node override, KeyPath path) {
        if (override.tag() != NodeTag.NONE) {
            // !reset / !override: the earlier value is dropped; the marker travels on (see Tags).
            return override;
        }
        if (base == null || Tags.isReset(base) || Tags.isNull(base)) {
            return override;
        }
        if (Tags.isNull(override)) {
            // compose-go keeps the earlier value when the later file writes a bare key.
            return base;
        }
        MergeRules.Rule rule = MergeRules.find(path);
        if (rule != null) {
            return rule.apply(base, override, path);
        }
        return byType(base, override, path);
    }

    static Node byType(Node base, Node override, KeyPath path) {
        if (base instanceof MapNode bm) {
            if (override instanceof MapNode om) {
                return mergeMappings(bm, om, path);
            }
            throw mismatch(base, override, path);
        }
        if (base instanceof SeqNode bs) {
            if (override instanceof SeqNode os) {
                return append(bs, os);
            }
            throw mismatch(base, override, path);
        }
        return override;
    }

    static MapNode mergeMappings(MapNode base, MapNode override, KeyPath path) {
        MapNode.Builder b = MapNode.builder(base.mark());
        base.entries().forEach((k, v) -> b.put(k, base.keyMark(k), v));
        override.entries().forEach((k, v) -> {
            Node earlier = base.get(k);
            boolean known = earlier != null && !Tags.isReset(earlier);
            b.put(k, known ? base.keyMark(k) : override.keyMark(k), merge(earlier, v, path.key(k)));
        });
        return b.build();
    }

    /** Base items then the override's items; an override item tagged !reset is dropped, as compose-go does. */
    static SeqNode append(SeqNode base, SeqNode override) {
        List<Node> items = new ArrayList<>(base.items());
        for (Node item : override.items()) {
            if (!Tags.isReset(item)) {
                items.add(item);
            }
        }
        return new SeqNode(base.mark(), NodeTag.NONE, items);
    }

    static RuntimeException mismatch(Node base, Node override, KeyPath path) {
        return new Where(override.mark(), path).error("cannot override " + base.kindName() + " (defined at "
                + base.mark() + ") with " + override.kindName());
    }
}
