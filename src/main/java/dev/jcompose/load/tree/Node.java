package dev.jcompose.load.tree;

/**
 * A value of a compose file with the position it came from. The loader phases transform trees of nodes;
 * nodes are immutable, a phase returns new nodes where it changes something.
 */
public sealed interface Node permits MapNode, SeqNode, ScalarNode {
    Mark mark();

    NodeTag tag();

    /** Same node with another tag (tags are consumed by the merge phase). */
    Node withTag(NodeTag tag);

    /** What a user would call this kind of value in an error message: "a mapping", "a string", ... */
    String kindName();
}
