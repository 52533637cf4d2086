package dev.jcompose.load.normalize;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.Node;

/**
 * How one attribute reaches its canonical form: the value as compose-go's typed model prints it. Returning null
 * leaves the key out, which is how Go's {@code omitempty} drops zero values (false, 0, "", empty lists).
 */
@FunctionalInterface
interface Field {
    Node apply(Node value, KeyPath path);
}
