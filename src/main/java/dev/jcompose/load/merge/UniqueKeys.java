package dev.jcompose.load.merge;

import dev.jcompose.load.paths.VolumeSpec;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.Where;

/**
 * What makes an entry of a unique-resource list the same entry as another one, for short and long syntax alike:
 * ports by host ip, published port, target and protocol; volumes and devices by target; secrets and configs by
 * their target path; env files by path; KEY=VALUE entries by key.
 */
final class UniqueKeys {
    private UniqueKeys() {
    }

    static String keyOfKeyValue(Node entry, KeyPath path) {
        if (!(entry instanceof ScalarNode s) || s.isNull()) {
            return null; // not ours to reject: the schema names the wrong type better
        }
        String t = s.text();
        int eq = t.indexOf('=');
        return eq < 0 ? t : t.substring(0, eq);
    }

    /** {@code host_ip:published:target/protocol} with compose's defaults (0.0.0.0, tcp). */
    static String port(Node entry, KeyPath path) {
        if (entry instanceof MapNode m) {
            Node target = m.get("target");
            if (target == null) {
                throw new Where(entry.mark(), path).error("service ports " + path + " is missing a target port");
            }
            return key(text(m.get("host_ip"), "0.0.0.0"), text(m.get("published"), ""), Shapes.text(target),
                    text(m.get("protocol"), "tcp"));
        }
        if (!(entry instanceof ScalarNode s) || s.isNull()) {
            return null;
        }
        String spec = s.text();
        String protocol = "tcp";
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            protocol = spec.substring(slash + 1);
            spec = spec.substring(0, slash);
        }
        int last = spec.lastIndexOf(':');
        if (last < 0) {
            return key("0.0.0.0", "", spec, protocol);
        }
        String target = spec.substring(last + 1);
        String rest = spec.substring(0, last);
        int prev = rest.lastIndexOf(':');
        if (rest.endsWith("]") || prev < 0) {
            // "published:target" (or an IPv6 "[::1]:target" which a host ip alone cannot be: see the schema).
            return key("0.0.0.0", rest, target, protocol);
        }
        String ip = rest.substring(0, prev);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        return key(ip.isEmpty() ? "0.0.0.0" : ip, rest.substring(prev + 1), target, protocol);
    }

    private static String key(String ip, String published, String target, String protocol) {
        return ip + ":" + published + ":" + target + "/" + protocol.toLowerCase();
    }

    private static String text(Node n, String fallback) {
        return n == null || Tags.isNull(n) ? fallback : Shapes.text(n);
    }

    static String volumeTarget(Node entry, KeyPath path) {
        if (entry instanceof MapNode m) {
            Node target = m.get("target");
            if (!(target instanceof ScalarNode t) || t.isNull()) {
                throw new Where(entry.mark(), path).error("service volume " + path + " is missing a mount target");
            }
            return cleanTarget(t.text());
        }
        if (!(entry instanceof ScalarNode s) || s.isNull()) {
            return null;
        }
        return cleanTarget(VolumeSpec.parse(s.text()).target());
    }

    static String deviceTarget(Node entry, KeyPath path) {
        if (entry instanceof MapNode m) {
            Node target = m.get("target");
            if (target == null) {
                throw new Where(entry.mark(), path).error("service device " + path + " is missing a mount target");
            }
            return Shapes.text(target);
        }
        if (!(entry instanceof ScalarNode s) || s.isNull()) {
            return null;
        }
        String[] parts = s.text().split(":", -1);
        return parts.length == 1 ? parts[0] : parts[1];
    }

    /** A secret or config mount: its target, else where compose mounts the source by default. */
    static String mountTarget(Node entry, String defaultDir) {
        if (entry instanceof MapNode m) {
            Node target = m.get("target");
            if (target != null && !Tags.isNull(target)) {
                return Shapes.text(target);
            }
            return defaultDir + text(m.get("source"), "");
        }
        if (!(entry instanceof ScalarNode s) || s.isNull()) {
            return null;
        }
        return defaultDir + s.text();
    }

    static String envFilePath(Node entry, KeyPath path) {
        if (entry instanceof MapNode m) {
            Node p = m.get("path");
            if (p == null) {
                throw new Where(entry.mark(), path).error("environment path attribute " + path + " is missing");
            }
            return Shapes.text(p);
        }
        return entry instanceof ScalarNode s && !s.isNull() ? s.text() : null;
    }

    /** Like path.Clean for the container side of a mount: "/data/" and "/data" are the same target. */
    static String cleanTarget(String target) {
        if (target.isEmpty() || target.contains("${")) {
            return target;
        }
        boolean absolute = target.startsWith("/");
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!absolute) {
                    parts.addLast(part);
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        return absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
    }
}
