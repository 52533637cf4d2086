package dev.jcompose.load.normalize;

import static dev.jcompose.load.normalize.Scalars.str;

import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What compose-go's Normalize adds on top of the canonical syntax (skipped by config --no-normalize): the default
 * network and its attachments, engine-side names of networks/volumes/secrets/configs, implicit depends_on from
 * links, {@code service:X} namespaces and volumes_from, the default Dockerfile, build args resolved from the
 * environment, pull_policy if_not_present → missing, cleaned volume targets, pre_start hooks inheriting the image.
 */
final class ComposeNormalize {
    private static final List<String> NAMESPACES = List.of("network_mode", "ipc", "pid", "uts", "cgroup");

    private ComposeNormalize() {
    }

    static MapNode apply(MapNode root, Normalizer.Context ctx) {
        MapNode out = root;
        boolean usesDefault = false;
        if (root.get("services") instanceof MapNode services) {
            MapNode.Builder b = MapNode.builder(services.mark());
            for (var e : services.entries().entrySet()) {
                MapNode service = service((MapNode) e.getValue(), ctx.environment());
                if (!service.has("provider") && !service.has("network_mode")) {
                    Node nets = service.get("networks");
                    if (!(nets instanceof MapNode m) || m.size() == 0) {
                        service = service.with("networks", MapNode.builder(service.mark())
                                .put("default", ScalarNode.of(service.mark(), null)).build());
                        usesDefault = true;
                    } else if (m.has("default")) {
                        usesDefault = true;
                    }
                }
                b.put(e.getKey(), services.keyMark(e.getKey()), service);
            }
            out = out.with("services", b.build());
        }
        MapNode networks = out.get("networks") instanceof MapNode n ? n : MapNode.empty(out.mark());
        if (usesDefault && !networks.has("default")) {
            networks = networks.with("default", MapNode.empty(networks.mark()));
        }
        if (networks.size() > 0) {
            out = out.with("networks", networks);
        }
        for (String kind : List.of("networks", "volumes", "configs", "secrets")) {
            if (out.get(kind) instanceof MapNode resources) {
                out = out.with(kind, named(resources, ctx.projectName()));
            }
        }
        return out;
    }

    private static MapNode service(MapNode service, Map<String, String> env) {
        MapNode s = service;
        if (s.get("pull_policy") instanceof ScalarNode p && "if_not_present".equals(p.value())) {
            s = s.with("pull_policy", p.withValue("missing"));
        }
        if (s.get("build") instanceof MapNode build) {
            if (!build.has("dockerfile") && !build.has("dockerfile_inline")) {
                build = build.with("dockerfile", str(build, "Dockerfile"));
            }
            if (build.get("args") instanceof MapNode args) {
                // Build args without value take the environment's; unset ones are dropped, not kept as null.
                MapNode resolved = args.mapValues((k, v) -> v instanceof ScalarNode sc && sc.isNull()
                        ? (env.containsKey(k) ? sc.withValue(env.get(k)) : null) : v);
                build = resolved.size() == 0 ? build.without("args") : build.with("args", resolved);
            }
            s = s.with("build", build);
        }
        s = implicitDependencies(s);
        if (s.get("volumes") instanceof SeqNode volumes) {
            List<Node> cleaned = new ArrayList<>();
            for (Node v : volumes.items()) {
                if (v instanceof MapNode m && m.get("target") instanceof ScalarNode t && t.value() instanceof String p
                        && !p.isEmpty()) {
                    v = m.with("target", t.withValue(GoPath.clean(p)));
                }
                cleaned.add(v);
            }
            s = s.with("volumes", volumes.withItems(cleaned));
        }
        if (s.get("pre_start") instanceof SeqNode hooks && s.get("image") instanceof ScalarNode image
                && image.value() instanceof String name && !name.isEmpty()) {
            List<Node> out = new ArrayList<>();
            for (Node h : hooks.items()) {
                out.add(h instanceof MapNode m && !m.has("image") ? m.with("image", image) : h);
            }
            s = s.with("pre_start", hooks.withItems(out));
        }
        return s;
    }

    private static MapNode implicitDependencies(MapNode s) {
        MapNode deps = s.get("depends_on") instanceof MapNode d ? d : MapNode.empty(s.mark());
        if (s.get("links") instanceof SeqNode links) {
            for (Node l : links.items()) {
                String link = ((ScalarNode) l).text();
                String[] parts = link.split(":", -1);
                deps = addDependency(deps, parts.length == 2 ? parts[0] : link, true, l);
            }
        }
        for (String ns : NAMESPACES) {
            if (s.get(ns) instanceof ScalarNode ref && ref.value() instanceof String text
                    && text.startsWith("service:")) {
                deps = addDependency(deps, text.substring("service:".length()), true, ref);
            }
        }
        if (s.get("volumes_from") instanceof SeqNode from) {
            for (Node v : from.items()) {
                String text = ((ScalarNode) v).text();
                if (!text.startsWith("container:")) {
                    deps = addDependency(deps, text.split(":", -1)[0], false, v);
                }
            }
        }
        return deps.size() == 0 ? s : s.with("depends_on", deps);
    }

    private static MapNode addDependency(MapNode deps, String name, boolean restart, Node at) {
        if (deps.has(name)) {
            return deps; // an explicit dependency is never overridden
        }
        MapNode.Builder d = MapNode.builder(at.mark()).put("condition", str(at, "service_started"));
        if (restart) {
            d.put("restart", ScalarNode.of(at.mark(), true));
        }
        d.put("required", ScalarNode.of(at.mark(), true));
        return deps.with(name, d.build());
    }

    private static MapNode named(MapNode resources, String project) {
        return resources.mapValues((key, v) -> {
            MapNode r = v instanceof MapNode m ? m : MapNode.empty(v.mark());
            if (r.get("name") == null || Scalars.isNull(r.get("name"))) {
                boolean external = r.get("external") instanceof ScalarNode ext && Boolean.TRUE.equals(ext.value());
                r = r.with("name", str(r, external ? key : project + "_" + key));
            }
            return r;
        });
    }
}
