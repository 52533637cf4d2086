package dev.jcompose.load.tree;

import java.util.List;

/** A YAML sequence. */
public record SeqNode(Mark mark, NodeTag tag, List<Node> items) implements Node {
    public SeqNode {
        items = List.copyOf(items);
    }

    public static SeqNode of(Mark mark, List<? extends Node> items) {
        return new SeqNode(mark, NodeTag.NONE, List.copyOf(items));
    }

    public int size() {
        return items.size();
    }

    public Node get(int index) {
        return items.get(index);
    }

    public SeqNode withItems(List<? extends Node> newItems) {
        return new SeqNode(mark, tag, List.copyOf(newItems));
    }

    @Override
    public SeqNode withTag(NodeTag newTag) {
        return new SeqNode(mark, newTag, items);
    }

    @Override
    public String kindName() {
        return "a list";
    }
}
