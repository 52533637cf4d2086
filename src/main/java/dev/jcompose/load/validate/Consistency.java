package dev.jcompose.load.validate;

import dev.jcompose.load.tree.MapNode;

/**
 * Cross-reference checks on the canonical tree: every network, volume, secret, config and depends_on a service
 * names exists; container_name with scale > 1 is rejected.
 */
public final class Consistency {
    private Consistency() {
    }

    public static void check(MapNode canonical) {
        throw new UnsupportedOperationException("not yet implemented: consistency");
    }
}
