package dev.jcompose.load.paths;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import dev.jcompose.load.tree.Where;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Makes the relative paths of one compose document absolute against a base directory, as compose-go's
 * paths.ResolveRelativePaths does: build.context and additional_contexts (unless URLs), build.ssh keys, env_file,
 * label_file, bind-mount sources, secrets/configs file, extends.file, develop.watch paths, include entries and
 * local bind volumes' device. Works on any syntax (short or long), before normalisation; values keep their marks
 * and tags.
 */
public final class PathResolver {
    private PathResolver() {
    }

    public static MapNode resolve(MapNode document, Path baseDir, String home) {
        HostPaths paths = new HostPaths(baseDir.toAbsolutePath().normalize(), home);
        return document.mapValues((key, value) -> switch (key) {
            case "services" -> eachEntry(value, KeyPath.of("services"),
                    (name, svc) -> ServicePaths.resolve(svc, KeyPath.of("services", name), paths));
            case "secrets", "configs" -> eachEntry(value, KeyPath.of(key),
                    (name, def) -> onKey(def, "file", f -> string(f, paths::abs)));
            case "volumes" -> eachEntry(value, KeyPath.of(key), (name, def) -> bindDevice(def, paths));
            case "include" -> include(value, paths);
            default -> value;
        });
    }

    interface EntryFn {
        Node apply(String name, Node value);
    }

    static Node eachEntry(Node node, KeyPath path, EntryFn fn) {
        if (node instanceof MapNode m) {
            return m.mapValues(fn::apply);
        }
        return node;
    }

    /** The node with the value of key (when present in a mapping) replaced by fn(value). */
    static Node onKey(Node node, String key, UnaryOperator<Node> fn) {
        if (node instanceof MapNode m && m.get(key) != null) {
            return m.with(key, fn.apply(m.get(key)));
        }
        return node;
    }

    /** A string value transformed; other values (null, numbers, mappings) left to the schema check. */
    static Node string(Node node, UnaryOperator<String> fn) {
        if (node instanceof ScalarNode s && s.isString()) {
            String v = fn.apply((String) s.value());
            return v.equals(s.value()) ? s : s.withValue(v);
        }
        return node;
    }

    /** A string or each string of a list. */
    static Node stringOrList(Node node, UnaryOperator<String> fn) {
        if (node instanceof SeqNode q) {
            List<Node> items = new ArrayList<>(q.size());
            q.items().forEach(i -> items.add(string(i, fn)));
            return q.withItems(items);
        }
        return string(node, fn);
    }

    static Node eachItem(Node node, UnaryOperator<Node> fn) {
        if (node instanceof SeqNode q) {
            List<Node> items = new ArrayList<>(q.size());
            q.items().forEach(i -> items.add(fn.apply(i)));
            return q.withItems(items);
        }
        return node;
    }

    /** A local volume whose driver_opts make it a bind mount ({@code o: bind}) names a host path in device. */
    private static Node bindDevice(Node def, HostPaths paths) {
        if (!(def instanceof MapNode m) || !text(m.get("driver")).equals("local")
                || !(m.get("driver_opts") instanceof MapNode opts) || !text(opts.get("o")).equals("bind")
                || opts.get("device") == null) {
            return def;
        }
        return m.with("driver_opts", opts.with("device", string(opts.get("device"), paths::abs)));
    }

    private static Node include(Node value, HostPaths paths) {
        return eachItem(value, item -> {
            if (item instanceof ScalarNode) {
                return string(item, paths::abs);
            }
            Node out = onKey(item, "path", p -> stringOrList(p, paths::abs));
            out = onKey(out, "project_directory", p -> string(p, paths::abs));
            return onKey(out, "env_file", p -> stringOrList(p, paths::abs));
        });
    }

    static String text(Node n) {
        return n instanceof ScalarNode s ? s.text() : "";
    }

    static RuntimeException error(Node n, KeyPath path, String message) {
        return new Where(n.mark(), path).error(message);
    }
}
