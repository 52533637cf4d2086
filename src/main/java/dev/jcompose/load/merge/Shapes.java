package dev.jcompose.load.merge;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.NodeTag;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import dev.jcompose.load.tree.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Conversions between the alternative shapes compose allows for one attribute (a list of {@code KEY=VALUE} or a
 * mapping, a string or a list, a list of names or a mapping), so that both sides of a merge have the same shape.
 */
final class Shapes {
    private Shapes() {
    }

    /**
     * A {@code KEY=VALUE} list (or mapping) as a mapping: {@code KEY=VALUE} gives a string, a bare {@code KEY} gives
     * null ("take it from the environment"). Items tagged !reset are dropped; a tag on an item moves to its value.
     */
    static MapNode keyValueMap(Node node, KeyPath path) {
        return switch (node) {
            case MapNode m -> m;
            case ScalarNode s when s.isNull() -> MapNode.empty(s.mark());
            case ScalarNode s -> fromItems(List.of(s), s.mark(), path);
            case SeqNode q -> fromItems(q.items(), q.mark(), path);
        };
    }

    private static MapNode fromItems(List<Node> items, dev.jcompose.load.tree.Mark mark, KeyPath path) {
        MapNode.Builder b = MapNode.builder(mark);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (Tags.isReset(item)) {
                continue;
            }
            if (!(item instanceof ScalarNode s) || s.isNull()) {
                throw new Where(item.mark(), path.index(i)).error("must be a string in KEY=VALUE form, not "
                        + item.kindName());
            }
            String text = s.text();
            int eq = text.indexOf('=');
            String key = eq < 0 ? text : text.substring(0, eq);
            Object value = eq < 0 ? null : text.substring(eq + 1);
            b.remove(key); // a repeated key moves to its last position, as a later list entry would win
            b.put(key, s.mark(), new ScalarNode(s.mark(), s.tag(), value));
        }
        return b.build();
    }

    /** A list of names (or a mapping keyed by name) as a mapping; each name from a list gets value(item). */
    static MapNode nameMap(Node node, KeyPath path, Function<Node, Node> value) {
        return switch (node) {
            case MapNode m -> m;
            case ScalarNode s when s.isNull() -> MapNode.empty(s.mark());
            case ScalarNode s -> throw new Where(s.mark(), path).error("must be a list or a mapping, not "
                    + s.kindName());
            case SeqNode q -> {
                MapNode.Builder b = MapNode.builder(q.mark());
                for (int i = 0; i < q.size(); i++) {
                    Node item = q.get(i);
                    if (Tags.isReset(item)) {
                        continue;
                    }
                    if (!(item instanceof ScalarNode s) || s.isNull()) {
                        throw new Where(item.mark(), path.index(i)).error("must be a name, not " + item.kindName());
                    }
                    b.put(s.text(), s.mark(), value.apply(s));
                }
                yield b.build();
            }
        };
    }

    /** A string as a one-item list; a list as itself. */
    static SeqNode list(Node node) {
        return switch (node) {
            case SeqNode q -> q;
            case ScalarNode s when s.isNull() -> SeqNode.of(s.mark(), List.of());
            case MapNode m -> hostEntries(m);
            case ScalarNode s -> SeqNode.of(s.mark(), List.of(s.withTag(NodeTag.NONE)));
        };
    }

    /**
     * extra_hosts mapping form as {@code host=ip} entries, in name order as compose-go lists them; a host with a
     * list of addresses gives one entry per address.
     */
    static SeqNode hostEntries(MapNode m) {
        List<Node> out = new ArrayList<>();
        m.entries().forEach((host, v) -> {
            if (v instanceof SeqNode q) {
                for (Node ip : q.items()) {
                    out.add(ScalarNode.of(ip.mark(), host + "=" + text(ip)));
                }
            } else if (Tags.isNull(v)) {
                out.add(ScalarNode.of(m.keyMark(host), host));
            } else {
                out.add(ScalarNode.of(v.mark(), host + "=" + text(v)));
            }
        });
        out.sort(java.util.Comparator.comparing(Shapes::text));
        return SeqNode.of(m.mark(), out);
    }

    static String text(Node node) {
        return node instanceof ScalarNode s ? s.text() : node.kindName();
    }
}
