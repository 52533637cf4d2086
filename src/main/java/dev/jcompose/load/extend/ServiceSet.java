package dev.jcompose.load.extend;

import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The services of one file while extends is applied: resolved services replace their definition once. */
final class ServiceSet {
    final String label;
    final Path file;
    final Path workingDir;
    private final MapNode original;
    private final Map<String, Node> services = new LinkedHashMap<>();
    private final Set<String> resolved = new HashSet<>();

    ServiceSet(String label, Path file, Path workingDir, MapNode services) {
        this.label = label;
        this.file = file;
        this.workingDir = workingDir;
        this.original = services;
        this.services.putAll(services.entries());
    }

    boolean has(String name) {
        return services.containsKey(name);
    }

    Node get(String name) {
        return services.get(name);
    }

    boolean isResolved(String name) {
        return resolved.contains(name);
    }

    void putResolved(String name, Node service) {
        services.put(name, service);
        resolved.add(name);
    }

    /** How the chain names a service of this set: by file when there is one. */
    String id(String name) {
        return (file != null ? file.toString() : label) + "#" + name;
    }

    MapNode toMapNode() {
        MapNode.Builder b = MapNode.builder(original.mark()).tag(original.tag());
        services.forEach((k, v) -> b.put(k, original.keyMark(k), v));
        return b.build();
    }
}
