package dev.jcompose.load.tree;

/** Compose's custom YAML tags that change how a node merges with the same node of an earlier file. */
public enum NodeTag {
    NONE,
    /** {@code !reset}: the value (and the earlier one) is removed. */
    RESET,
    /** {@code !override}: the value replaces the earlier one instead of merging with it. */
    OVERRIDE
}
