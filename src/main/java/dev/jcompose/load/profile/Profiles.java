package dev.jcompose.load.profile;

import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits services into enabled and disabled by profiles, as compose-go's Project.WithProfiles and
 * WithServicesEnabled do: a service with no profiles is always enabled; one with profiles is enabled when one of
 * them is active or {@code *} is active. A service named on the command line activates its profiles (which may
 * enable other services of those profiles). A dependency is never enabled just because an enabled service
 * depends on it: a required dependency that stays disabled is reported by the consistency check or the
 * service selection ("no such service"), a {@code required: false} one is simply skipped.
 */
public final class Profiles {
    private Profiles() {
    }

    /** The result: root with only enabled services, and the disabled services' trees. */
    public record Split(MapNode enabled, MapNode disabledServices) {
    }

    public static Split apply(MapNode root, Set<String> activeProfiles, List<String> namedServices) {
        if (!(root.get("services") instanceof MapNode services)) {
            return new Split(root, MapNode.empty(root.mark()));
        }
        Set<String> active = new LinkedHashSet<>(activeProfiles);
        for (String name : namedServices) {
            Node service = services.get(name);
            if (service != null && !enabled(service, activeProfiles)) {
                active.addAll(profiles(service));
            }
        }
        MapNode.Builder on = MapNode.builder(services.mark()).tag(services.tag());
        MapNode.Builder off = MapNode.builder(services.mark());
        services.entries().forEach((name, service) ->
                (enabled(service, active) ? on : off).put(name, services.keyMark(name), service));
        return new Split(root.with("services", on.build()), off.build());
    }

    static boolean enabled(Node service, Set<String> active) {
        List<String> own = profiles(service);
        if (own.isEmpty() || active.contains("*")) {
            return true;
        }
        return own.stream().anyMatch(active::contains);
    }

    static List<String> profiles(Node service) {
        if (service instanceof MapNode m && m.get("profiles") instanceof SeqNode q) {
            return q.items().stream().filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).text())
                    .toList();
        }
        return List.of();
    }
}
