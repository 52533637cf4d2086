package dev.jcompose.load.merge;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.SeqNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes redefinitions from lists whose entries are unique resources (compose-go override/uncity.go): when two
 * entries share a key, the later entry takes the place of the first one.
 */
final class Unicity {
    /** The identity of a list entry; null when the entry has none (it is then always kept). */
    interface Indexer {
        String key(Node entry, KeyPath path);
    }

    private static final Map<String, Indexer> UNIQUE = new LinkedHashMap<>();

    static {
        for (String p : List.of("networks.*.labels", "networks.*.ipam.options", "services.*.annotations",
                "services.*.build.args", "services.*.build.additional_contexts", "services.*.build.platforms",
                "services.*.build.tags", "services.*.build.labels", "services.*.cap_add", "services.*.cap_drop",
                "services.*.deploy.labels", "services.*.dns", "services.*.dns_opt", "services.*.dns_search",
                "services.*.environment", "services.*.labels", "services.*.links", "services.*.networks.*.aliases",
                "services.*.networks.*.link_local_ips", "services.*.profiles", "services.*.sysctls",
                "services.*.tmpfs", "services.*.expose")) {
            UNIQUE.put(p, UniqueKeys::keyOfKeyValue);
        }
        UNIQUE.put("services.*.ports", UniqueKeys::port);
        UNIQUE.put("services.*.volumes", UniqueKeys::volumeTarget);
        UNIQUE.put("services.*.devices", UniqueKeys::deviceTarget);
        UNIQUE.put("services.*.secrets", (n, p) -> UniqueKeys.mountTarget(n, "/run/secrets/"));
        UNIQUE.put("services.*.configs", (n, p) -> UniqueKeys.mountTarget(n, "/"));
        UNIQUE.put("services.*.env_file", UniqueKeys::envFilePath);
    }

    private Unicity() {
    }

    static Node enforce(Node node, KeyPath path) {
        if (node instanceof MapNode m) {
            return m.mapValues((k, v) -> enforce(v, path.key(k)));
        }
        if (node instanceof SeqNode q) {
            Indexer indexer = find(path);
            return indexer == null ? q : dedupe(q, indexer, path);
        }
        return node;
    }

    private static Indexer find(KeyPath path) {
        for (var e : UNIQUE.entrySet()) {
            if (path.matches(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static SeqNode dedupe(SeqNode seq, Indexer indexer, KeyPath path) {
        List<Node> out = new ArrayList<>(seq.size());
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < seq.size(); i++) {
            Node entry = seq.get(i);
            String key = indexer.key(entry, path.index(i));
            Integer at = key == null ? null : positions.get(key);
            if (at != null) {
                out.set(at, entry);
            } else {
                if (key != null) {
                    positions.put(key, out.size());
                }
                out.add(entry);
            }
        }
        return out.size() == seq.size() && out.equals(seq.items()) ? seq : seq.withItems(out);
    }
}
