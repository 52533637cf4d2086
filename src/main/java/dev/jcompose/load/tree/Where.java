package dev.jcompose.load.tree;

import dev.jcompose.error.ComposeException;

/** A position plus the key path of a value: what every loader error names. */
public record Where(Mark mark, KeyPath path) implements ComposeException.Located {
    @Override
    public String describe() {
        String p = path.toString();
        return p.isEmpty() ? mark.toString() : mark + " " + p;
    }

    public ComposeException error(String message) {
        return ComposeException.config(this, message);
    }

    public static ComposeException error(Node node, KeyPath path, String message) {
        return new Where(node.mark(), path).error(message);
    }
}
