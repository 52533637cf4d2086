package dev.jcompose.load.paths;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;

/** The host paths inside one service definition. */
final class ServicePaths {
    private ServicePaths() {
    }

    static Node resolve(Node service, KeyPath path, HostPaths paths) {
        if (!(service instanceof MapNode svc)) {
            return service;
        }
        return svc.mapValues((key, value) -> switch (key) {
            case "build" -> build(value, paths);
            case "env_file" -> envFile(value, paths);
            case "label_file" -> PathResolver.stringOrList(value, paths::abs);
            case "extends" -> PathResolver.onKey(value, "file", f -> PathResolver.string(f, paths::extendsFile));
            case "volumes" -> volumes(value, path.key("volumes"), paths);
            case "develop" -> PathResolver.onKey(value, "watch", watch -> PathResolver.eachItem(watch,
                    rule -> PathResolver.onKey(rule, "path", p -> PathResolver.string(p, paths::followingLink))));
            default -> value;
        });
    }

    private static Node build(Node build, HostPaths paths) {
        if (build instanceof ScalarNode) {
            return PathResolver.string(build, paths::context);
        }
        Node out = PathResolver.onKey(build, "context", c -> PathResolver.string(c, paths::context));
        out = PathResolver.onKey(out, "additional_contexts", ac -> keyValues(ac, paths::context));
        return PathResolver.onKey(out, "ssh", ssh -> keyValues(ssh, paths::abs));
    }

    /** Mapping values, or the value part of {@code name=value} list entries ("default" alone has no path). */
    private static Node keyValues(Node node, java.util.function.UnaryOperator<String> fn) {
        if (node instanceof MapNode m) {
            return m.mapValues((k, v) -> PathResolver.string(v, fn));
        }
        return PathResolver.eachItem(node, item -> PathResolver.string(item, entry -> {
            int eq = entry.indexOf('=');
            return eq < 0 ? entry : entry.substring(0, eq + 1) + fn.apply(entry.substring(eq + 1));
        }));
    }

    /** A path, a list of paths, or a list of {path, required, format} entries. */
    private static Node envFile(Node node, HostPaths paths) {
        if (node instanceof ScalarNode) {
            return PathResolver.string(node, paths::abs);
        }
        return PathResolver.eachItem(node, item -> item instanceof ScalarNode
                ? PathResolver.string(item, paths::abs)
                : PathResolver.onKey(item, "path", p -> PathResolver.string(p, paths::abs)));
    }

    private static Node volumes(Node volumes, KeyPath path, HostPaths paths) {
        if (!(volumes instanceof dev.jcompose.load.tree.SeqNode q)) {
            return volumes;
        }
        java.util.List<Node> items = new java.util.ArrayList<>(q.size());
        for (int i = 0; i < q.size(); i++) {
            items.add(volume(q.get(i), path.index(i), paths));
        }
        return q.withItems(items);
    }

    private static Node volume(Node volume, KeyPath path, HostPaths paths) {
        if (volume instanceof ScalarNode s && s.isString()) {
            String spec = (String) s.value();
            VolumeSpec parsed = VolumeSpec.parse(spec);
            String source = parsed.source();
            // Short syntax: only a source that looks like a path is a bind mount; "/..." is already absolute.
            if (parsed.sourceEnd() < 0 || !VolumeSpec.isHostPath(source) || HostPaths.isAbsolute(source)) {
                return s;
            }
            return s.withValue(paths.abs(source) + spec.substring(parsed.sourceEnd()));
        }
        if (volume instanceof MapNode m && PathResolver.text(m.get("type")).equals("bind")) {
            if (m.get("source") == null) {
                throw PathResolver.error(m, path,
                        "invalid mount config for type \"bind\": field Source must not be empty");
            }
            return m.with("source", PathResolver.string(m.get("source"), paths::abs));
        }
        return volume;
    }
}
