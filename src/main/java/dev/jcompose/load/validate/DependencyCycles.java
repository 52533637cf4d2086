package dev.jcompose.load.validate;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rejects depends_on cycles. Services and their dependencies are walked in name order, as compose-go does, so the
 * message names the same cycle every time: {@code dependency cycle detected: a -> b -> a}.
 */
final class DependencyCycles {
    private DependencyCycles() {
    }

    static void check(MapNode services) {
        Set<String> acyclic = new HashSet<>();
        for (String name : new TreeSet<>(services.keys())) {
            List<String> path = new ArrayList<>();
            path.add(name);
            search(services, path, acyclic);
        }
    }

    /** acyclic: services whose dependencies were fully walked without a cycle; walking them again finds none. */
    private static void search(MapNode services, List<String> path, Set<String> acyclic) {
        String current = path.get(path.size() - 1);
        MapNode deps = services.get(current) instanceof MapNode s && s.get("depends_on") instanceof MapNode d ? d
                : MapNode.empty(services.mark());
        for (String dep : new TreeSet<>(deps.keys())) {
            if (!services.has(dep) || acyclic.contains(dep)) {
                continue;
            }
            int i = path.indexOf(dep);
            if (i >= 0) {
                // Located at the dependency that closes the cycle.
                throw Consistency.at(deps.get(dep), KeyPath.of("services", current, "depends_on", dep),
                        "dependency cycle detected: " + String.join(" -> ", path.subList(i, path.size())) + " -> "
                                + dep);
            }
            path.add(dep);
            search(services, path, acyclic);
            path.remove(path.size() - 1);
        }
        acyclic.add(current);
    }
}
