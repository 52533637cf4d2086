package dev.jcompose.load.interpolate;

import dev.jcompose.load.Warnings;
import dev.jcompose.load.tree.MapNode;
import java.util.Map;

/**
 * Substitutes ${VAR} expressions in every string value of a compose tree (never in keys), then casts values at
 * typed paths (ports, replicas, booleans...) from strings to their type, as compose-go does.
 */
public final class Interpolator {
    private Interpolator() {
    }

    public static MapNode interpolate(MapNode root, Map<String, String> environment, Warnings warnings) {
        throw new UnsupportedOperationException("not yet implemented: interpolation");
    }
}
