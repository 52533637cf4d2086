package dev.jcompose.load.validate;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import dev.jcompose.load.tree.Where;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Cross-reference checks on the canonical tree: every network, volume, secret, config and depends_on a service
 * names exists; container_name with scale > 1 is rejected. Messages follow compose-go's checkConsistency and are
 * prefixed with the position and key path of the offending value.
 */
public final class Consistency {
    private Consistency() {
    }

    public static void check(MapNode canonical) {
        MapNode services = section(canonical, "services");
        Map<String, String> containerNames = new HashMap<>();
        for (String name : new TreeMap<>(services.entries()).keySet()) {
            if (!(services.get(name) instanceof MapNode s)) {
                continue;
            }
            KeyPath path = KeyPath.of("services", name);
            new ServiceChecks(canonical, services, name, s, path).run();
            if (s.get("container_name") instanceof ScalarNode cn && !cn.isNull()) {
                String other = containerNames.putIfAbsent(cn.text(), name);
                if (other != null) {
                    throw at(cn, path.key("container_name"), "container name \"" + cn.text()
                            + "\" is already in use by service " + other);
                }
            }
        }
        for (var e : section(canonical, "secrets").entries().entrySet()) {
            if (e.getValue() instanceof MapNode secret && !isTrue(secret.get("external"))
                    && !secret.has("file") && !secret.has("environment")) {
                throw at(secret, KeyPath.of("secrets", e.getKey()), "secret \"" + e.getKey()
                        + "\" must declare either `file` or `environment`");
            }
        }
        DependencyCycles.check(services);
    }

    static MapNode section(MapNode root, String key) {
        return root.get(key) instanceof MapNode m ? m : MapNode.empty(root.mark());
    }

    static boolean isTrue(Node n) {
        return n instanceof ScalarNode s && Boolean.TRUE.equals(s.value());
    }

    static String text(Node n) {
        return n instanceof ScalarNode s ? s.text() : null;
    }

    static ComposeException at(Node node, KeyPath path, String message) {
        return new Where(node.mark(), path).error(message);
    }

    /** The checks of one service; each names the value at fault. */
    private record ServiceChecks(MapNode root, MapNode services, String name, MapNode s, KeyPath path) {
        void run() {
            if (!s.has("build") && !s.has("image") && !s.has("provider")) {
                throw at(s, path, "service \"" + name + "\" has neither an image nor a build context specified");
            }
            build();
            if (s.has("network_mode") && s.get("networks") instanceof MapNode nets && nets.size() > 0) {
                throw at(nets, path.key("networks"), "service " + name
                        + " declares mutually exclusive `network_mode` and `networks`");
            }
            references("networks", "network", section(s, "networks").keys());
            namespaces();
            links();
            volumes();
            fileReferences("secrets", "secret", s.get("secrets"), path.key("secrets"));
            fileReferences("configs", "config", s.get("configs"), path.key("configs"));
            references("models", "model", section(s, "models").keys());
            dependsOn();
            healthcheck();
            scale();
        }

        private void build() {
            if (!(s.get("build") instanceof MapNode build)) {
                return;
            }
            KeyPath bp = path.key("build");
            if (build.has("dockerfile") && build.has("dockerfile_inline")) {
                throw at(build, bp, "service \"" + name
                        + "\" declares mutualy exclusive dockerfile and dockerfile_inline");
            }
            for (var e : section(build, "additional_contexts").entries().entrySet()) {
                String c = text(e.getValue());
                if (c != null && c.startsWith("service:")) {
                    String target = c.substring("service:".length());
                    if (!(services.get(target) instanceof MapNode t)) {
                        throw at(e.getValue(), bp.key("additional_contexts").key(e.getKey()), "service \"" + name
                                + "\" declares unknown service \"" + target + "\" as additional contexts "
                                + e.getKey());
                    } else if (!t.has("build")) {
                        throw at(e.getValue(), bp.key("additional_contexts").key(e.getKey()), "service \"" + name
                                + "\" declares non-buildable service \"" + target + "\" as additional contexts "
                                + e.getKey());
                    }
                }
            }
            if (build.get("platforms") instanceof SeqNode platforms && s.get("platform") instanceof ScalarNode p
                    && platforms.items().stream().noneMatch(n -> Objects.equals(text(n), p.text()))) {
                throw at(p, path.key("platform"), "service.build.platforms MUST include service.platform \""
                        + p.text() + "\"");
            }
            fileReferences("secrets", "build secret", build.get("secrets"), bp.key("secrets"));
        }

        private void references(String section, String what, Iterable<String> names) {
            MapNode defined = section(root, section);
            MapNode used = section(s, section);
            for (String ref : names) {
                if (!defined.has(ref)) {
                    throw at(used.get(ref) == null ? used : used.get(ref), path.key(section).key(ref),
                            "service \"" + name + "\" refers to undefined " + what + " " + ref);
                }
            }
        }

        private void namespaces() {
            if (s.get("network_mode") instanceof ScalarNode nm && nm.text().startsWith("service:")) {
                String target = nm.text().substring("service:".length());
                if (!services.has(target)) {
                    throw at(nm, path.key("network_mode"), "service \"" + target
                            + "\" not found for network_mode 'service:" + target + "'");
                }
            }
            for (String ns : new String[] {"ipc", "pid", "uts", "cgroup"}) {
                if (s.get(ns) instanceof ScalarNode v && v.text().startsWith("service:")
                        && !services.has(v.text().substring("service:".length()))) {
                    throw at(v, path.key(ns), "service \"" + name + "\" refers to undefined service \""
                            + v.text().substring("service:".length()) + "\" in " + ns);
                }
            }
        }

        private void links() {
            if (s.get("links") instanceof SeqNode links) {
                for (int i = 0; i < links.size(); i++) {
                    String link = text(links.get(i));
                    String target = link.split(":", -1).length == 2 ? link.split(":", -1)[0] : link;
                    if (!services.has(target)) {
                        throw at(links.get(i), path.key("links").index(i), "service \"" + name
                                + "\" links to undefined service \"" + target + "\"");
                    }
                }
            }
            if (s.get("volumes_from") instanceof SeqNode from) {
                for (int i = 0; i < from.size(); i++) {
                    String v = text(from.get(i));
                    String target = v.split(":", -1)[0];
                    if (!v.startsWith("container:") && !services.has(target)) {
                        throw at(from.get(i), path.key("volumes_from").index(i), "service \"" + name
                                + "\" takes volumes from undefined service \"" + target + "\"");
                    }
                }
            }
        }

        private void volumes() {
            Map<String, String> mounts = new HashMap<>();
            if (s.get("tmpfs") instanceof SeqNode tmpfs) {
                for (int i = 0; i < tmpfs.size(); i++) {
                    String target = text(tmpfs.get(i)).split(":", 2)[0];
                    String loc = path.key("tmpfs").index(i).toString();
                    String prev = mounts.putIfAbsent(target, loc);
                    if (prev != null) {
                        throw at(tmpfs.get(i), path.key("tmpfs").index(i), "target " + target
                                + " already mounted as " + prev);
                    }
                }
            }
            if (!(s.get("volumes") instanceof SeqNode volumes)) {
                return;
            }
            MapNode defined = section(root, "volumes");
            for (int i = 0; i < volumes.size(); i++) {
                if (!(volumes.get(i) instanceof MapNode v)) {
                    continue;
                }
                KeyPath vp = path.key("volumes").index(i);
                String source = text(v.get("source"));
                if ("volume".equals(text(v.get("type"))) && source != null && !source.isEmpty()
                        && !defined.has(source)) {
                    throw at(v, vp, "service \"" + name + "\" refers to undefined volume " + source);
                }
                String target = text(v.get("target"));
                String prev = target == null ? null : mounts.putIfAbsent(target, vp.toString());
                if (prev != null) {
                    throw at(v, vp, "target " + target + " already mounted as " + prev);
                }
            }
        }

        private void fileReferences(String section, String what, Node refs, KeyPath at) {
            if (!(refs instanceof SeqNode list)) {
                return;
            }
            MapNode defined = section(root, section);
            for (int i = 0; i < list.size(); i++) {
                String source = list.get(i) instanceof MapNode m ? text(m.get("source")) : null;
                if (source != null && !defined.has(source)) {
                    throw at(list.get(i), at.index(i), "service \"" + name + "\" refers to undefined " + what + " "
                            + source);
                }
            }
        }

        private void dependsOn() {
            MapNode deps = section(s, "depends_on");
            for (var e : deps.entries().entrySet()) {
                boolean required = !(e.getValue() instanceof MapNode d)
                        || !(d.get("required") instanceof ScalarNode r) || !Boolean.FALSE.equals(r.value());
                if (!services.has(e.getKey()) && required) {
                    throw at(e.getValue(), path.key("depends_on").key(e.getKey()), "service \"" + name
                            + "\" depends on undefined service \"" + e.getKey() + "\"");
                }
            }
        }

        private void healthcheck() {
            if (s.get("healthcheck") instanceof MapNode hc && hc.get("test") instanceof SeqNode test
                    && test.size() > 0) {
                String first = text(test.get(0));
                if (!"CMD".equals(first) && !"CMD-SHELL".equals(first) && !"NONE".equals(first)) {
                    throw at(test, path.key("healthcheck").key("test"),
                            "healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"");
                }
            }
        }

        private void scale() {
            ResourceChecks.check(s, path);
        }
    }
}
