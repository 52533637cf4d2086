package dev.jcompose.graph;

import dev.jcompose.error.ComposeException;
import dev.jcompose.model.DependsOn;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Service → services it needs (depends_on plus implicit dependencies), with compose-go's rules for missing
 * targets, and the cycle check that names the whole cycle.
 */
final class ServiceDependencies {
    private ServiceDependencies() {
    }

    static SortedMap<String, SortedSet<String>> of(Project project) {
        SortedMap<String, SortedSet<String>> deps = new TreeMap<>();
        for (Service service : project.services().values()) {
            SortedSet<String> needs = new TreeSet<>();
            for (Map.Entry<String, DependsOn> dep : new TreeMap<>(service.dependsOn()).entrySet()) {
                if (project.services().containsKey(dep.getKey())) {
                    needs.add(dep.getKey());
                } else if (dep.getValue().required()) {
                    throw missing(project, service.name(), dep.getKey());
                }
                // An optional dependency on a missing service is dropped, as compose-go does.
            }
            String networkParent = ImplicitDependencies.serviceOfMode(service.networkMode());
            if (networkParent != null && !project.services().containsKey(networkParent)) {
                throw ComposeException.config("service \"" + networkParent + "\" not found for network_mode 'service:"
                        + networkParent + "'");
            }
            for (String parent : ImplicitDependencies.of(service).keySet()) {
                if (!project.services().containsKey(parent)) {
                    throw missing(project, service.name(), parent);
                }
                needs.add(parent);
            }
            deps.put(service.name(), needs);
        }
        checkCycle(deps);
        return deps;
    }

    private static ComposeException missing(Project project, String service, String dependency) {
        Service disabled = project.disabledServices().get(dependency);
        if (disabled != null) {
            return ComposeException.config("service \"" + dependency + "\" is required by \"" + service
                    + "\" but is disabled. Can be enabled by profiles [" + String.join(" ", disabled.profiles())
                    + "]");
        }
        return ComposeException.config("service \"" + service + "\" depends on unknown service \"" + dependency
                + "\"");
    }

    /**
     * Depth-first from each service in name order, children in name order, like compose-go's graph/cycle.go, so
     * the same file always reports the same cycle: {@code dependency cycle detected: a -> b -> c -> a}.
     */
    static void checkCycle(SortedMap<String, SortedSet<String>> deps) {
        SortedSet<String> cleared = new TreeSet<>();
        for (String start : deps.keySet()) {
            List<String> path = new ArrayList<>();
            path.add(start);
            search(deps, path, cleared);
        }
    }

    private static void search(SortedMap<String, SortedSet<String>> deps, List<String> path,
            SortedSet<String> cleared) {
        String current = path.get(path.size() - 1);
        if (cleared.contains(current)) {
            return;
        }
        for (String child : deps.getOrDefault(current, new TreeSet<>())) {
            int i = path.indexOf(child);
            if (i >= 0) {
                throw ComposeException.config("dependency cycle detected: "
                        + String.join(" -> ", path.subList(i, path.size())) + " -> " + child);
            }
            path.add(child);
            search(deps, path, cleared);
            path.remove(path.size() - 1);
        }
        // Every path from here was explored without meeting the path: never revisit (keeps the search linear).
        cleared.add(current);
    }
}
