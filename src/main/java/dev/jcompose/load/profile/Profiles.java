package dev.jcompose.load.profile;

import dev.jcompose.load.tree.MapNode;
import java.util.List;
import java.util.Set;

/**
 * Splits services into enabled and disabled by profiles: a service with no profiles is always enabled; one with
 * profiles is enabled when one of them is active or when it is named on the command line (which activates its
 * profiles), or when an enabled service depends on it... (see the compose spec, 15-profiles.md).
 */
public final class Profiles {
    private Profiles() {
    }

    /** The result: root with only enabled services, and the disabled services' trees. */
    public record Split(MapNode enabled, MapNode disabledServices) {
    }

    public static Split apply(MapNode root, Set<String> activeProfiles, List<String> namedServices) {
        throw new UnsupportedOperationException("not yet implemented: profiles");
    }
}
