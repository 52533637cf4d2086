package dev.jcompose.load.merge;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Mark;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.NodeTag;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import dev.jcompose.load.tree.Where;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The attributes that do not merge by type, keyed by path pattern: the table of compose-go's override/merge.go.
 * Duplicates that appending creates are removed afterwards by {@link Unicity}.
 */
final class MergeRules {
    /** How one attribute merges; both sides are present and not null. */
    interface Rule {
        Node apply(Node base, Node override, KeyPath path);
    }

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        // Shell commands: the later file's value replaces the earlier one.
        RULES.put("services.*.command", MergeRules::replace);
        RULES.put("services.*.entrypoint", MergeRules::replace);
        RULES.put("services.*.healthcheck.test", MergeRules::replace);
        // KEY=VALUE lists or mappings: merged by key, the later value wins.
        for (String p : List.of("services.*.environment", "services.*.labels", "services.*.annotations",
                "services.*.sysctls", "services.*.build.args", "services.*.build.labels",
                "services.*.build.additional_contexts", "services.*.deploy.labels", "networks.*.labels",
                "volumes.*.labels")) {
            RULES.put(p, MergeRules::keyValues);
        }
        // Values that may be a string or a list: appended (duplicates removed by Unicity).
        for (String p : List.of("services.*.dns", "services.*.dns_opt", "services.*.dns_search",
                "services.*.env_file", "services.*.label_file", "services.*.tmpfs")) {
            RULES.put(p, MergeRules::appendLists);
        }
        RULES.put("services.*.extra_hosts", MergeRules::extraHosts);
        RULES.put("services.*.build.extra_hosts", MergeRules::extraHosts);
        RULES.put("services.*.build", MergeRules::build);
        RULES.put("services.*.depends_on", MergeRules::dependsOn);
        RULES.put("services.*.networks", MergeRules::names);
        RULES.put("services.*.models", MergeRules::names);
        RULES.put("services.*.logging", MergeRules::logging);
        RULES.put("services.*.ulimits.*", MergeRules::replace);
        RULES.put("networks.*.ipam.config", MergeRules::ipamConfig);
    }

    private MergeRules() {
    }

    /** The rule for a path, or null when the value merges by type. */
    static Rule find(KeyPath path) {
        if (path.depth() < 3) {
            return null;
        }
        for (var e : RULES.entrySet()) {
            if (path.matches(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The patterns of the table, for documentation and tests. */
    static Set<String> patterns() {
        return RULES.keySet();
    }

    private static Node replace(Node base, Node override, KeyPath path) {
        return override;
    }

    private static Node keyValues(Node base, Node override, KeyPath path) {
        MapNode b = Shapes.keyValueMap(base, path);
        MapNode o = Shapes.keyValueMap(override, path);
        MapNode.Builder out = b.toBuilder().tag(NodeTag.NONE);
        // Unlike other mappings, a bare KEY in the later file replaces the earlier KEY=VALUE.
        o.entries().forEach((k, v) -> out.put(k, b.has(k) ? b.keyMark(k) : o.keyMark(k), v));
        return out.build();
    }

    private static Node appendLists(Node base, Node override, KeyPath path) {
        return MergeEngine.append(Shapes.list(base), Shapes.list(override));
    }

    /** Entries of the later file that the earlier one already has (same host and address) are not repeated. */
    private static Node extraHosts(Node base, Node override, KeyPath path) {
        SeqNode b = Shapes.list(base);
        SeqNode o = Shapes.list(override);
        Set<String> seen = new LinkedHashSet<>();
        b.items().forEach(n -> seen.add(hostKey(n)));
        List<Node> items = new ArrayList<>(b.items());
        for (Node n : o.items()) {
            if (!Tags.isReset(n) && !seen.contains(hostKey(n))) {
                items.add(n);
            }
        }
        return new SeqNode(b.mark(), NodeTag.NONE, items);
    }

    /** {@code host=ip} and {@code host:ip} name the same entry. */
    private static String hostKey(Node entry) {
        String t = Shapes.text(entry);
        int eq = t.indexOf('=');
        int sep = eq >= 0 ? eq : t.indexOf(':');
        return sep < 0 ? t : t.substring(0, sep) + "=" + t.substring(sep + 1);
    }

    private static Node build(Node base, Node override, KeyPath path) {
        return MergeEngine.byType(buildMap(base), buildMap(override), path);
    }

    /** {@code build: ./dir} is short for {@code build: {context: ./dir}}. */
    private static Node buildMap(Node node) {
        if (node instanceof ScalarNode s && s.isString()) {
            return MapNode.builder(s.mark()).put("context", s.mark(), s.withTag(NodeTag.NONE)).build();
        }
        return node;
    }

    private static Node dependsOn(Node base, Node override, KeyPath path) {
        return MergeEngine.mergeMappings(Shapes.nameMap(base, path, MergeRules::startedDependency),
                Shapes.nameMap(override, path, MergeRules::startedDependency), path);
    }

    /** What a service listed in the short depends_on syntax means. */
    private static Node startedDependency(Node name) {
        Mark m = name.mark();
        return MapNode.builder(m).put("condition", m, ScalarNode.of(m, "service_started"))
                .put("required", m, ScalarNode.of(m, true)).build();
    }

    private static Node names(Node base, Node override, KeyPath path) {
        return MergeEngine.mergeMappings(Shapes.nameMap(base, path, n -> ScalarNode.of(n.mark(), null)),
                Shapes.nameMap(override, path, n -> ScalarNode.of(n.mark(), null)), path);
    }

    /** Driver options merge only when both files use the same driver (or one names none). */
    private static Node logging(Node base, Node override, KeyPath path) {
        if (base instanceof MapNode b && override instanceof MapNode o) {
            Node bd = b.get("driver");
            Node od = o.get("driver");
            if (bd != null && od != null && !Objects.equals(Shapes.text(bd), Shapes.text(od))) {
                return o;
            }
            return MergeEngine.mergeMappings(b, o, path);
        }
        return MergeEngine.byType(base, override, path);
    }

    /**
     * IPAM pools are identified by subnet: a later pool with the subnet of an earlier one merges into it, others are
     * appended. (compose-go drops earlier pools that no later pool matches, which looks accidental; we keep them.)
     */
    private static Node ipamConfig(Node base, Node override, KeyPath path) {
        if (!(base instanceof SeqNode b) || !(override instanceof SeqNode o)) {
            return MergeEngine.byType(base, override, path);
        }
        List<Node> pools = new ArrayList<>(b.items());
        for (int i = 0; i < o.size(); i++) {
            Node pool = o.get(i);
            if (Tags.isReset(pool)) {
                continue;
            }
            if (!(pool instanceof MapNode pm)) {
                throw new Where(pool.mark(), path.index(i)).error("must be a mapping, not " + pool.kindName());
            }
            int same = indexOfSubnet(pools, pm.get("subnet"));
            if (same >= 0 && pools.get(same) instanceof MapNode earlier) {
                pools.set(same, MergeEngine.mergeMappings(earlier, pm, path.index(same)));
            } else {
                pools.add(pm);
            }
        }
        return new SeqNode(b.mark(), NodeTag.NONE, pools);
    }

    private static int indexOfSubnet(List<Node> pools, Node subnet) {
        String wanted = subnet == null ? null : Shapes.text(subnet);
        for (int i = 0; i < pools.size(); i++) {
            if (pools.get(i) instanceof MapNode m) {
                Node s = m.get("subnet");
                if (Objects.equals(wanted, s == null ? null : Shapes.text(s))) {
                    return i;
                }
            }
        }
        return -1;
    }
}
