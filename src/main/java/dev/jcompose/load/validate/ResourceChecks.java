package dev.jcompose.load.validate;

import static dev.jcompose.load.validate.Consistency.at;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.tree.ScalarNode;
import java.util.Objects;

/**
 * Checks between a service's scale and its deploy section: scale and deploy.replicas agree and are not negative,
 * the short resource attributes agree with deploy.resources, and container_name is not combined with several
 * replicas (the name must be unique).
 */
final class ResourceChecks {
    private ResourceChecks() {
    }

    static void check(MapNode s, KeyPath path) {
        Node scale = s.get("scale");
        Node replicas = Nodes.at(s, KeyPath.of("deploy", "replicas"));
        if (number(scale) != null && number(replicas) != null && !number(scale).equals(number(replicas))) {
            throw at(scale, path.key("scale"), "can't set distinct values on 'scale' and 'deploy.replicas'");
        }
        if (number(scale) != null && number(scale) < 0) {
            throw at(scale, path.key("scale"), "must be greater than or equal to 0");
        }
        if (number(replicas) != null && number(replicas) < 0) {
            throw at(replicas, path.key("deploy").key("replicas"), "must be greater than or equal to 0");
        }
        same(s, path, "cpus", KeyPath.of("deploy", "resources", "limits", "cpus"));
        same(s, path, "mem_limit", KeyPath.of("deploy", "resources", "limits", "memory"));
        same(s, path, "mem_reservation", KeyPath.of("deploy", "resources", "reservations", "memory"));
        same(s, path, "pids_limit", KeyPath.of("deploy", "resources", "limits", "pids"));

        Long effective = number(scale) != null ? number(scale) : number(replicas) != null ? number(replicas) : 1L;
        Node containerName = s.get("container_name");
        if (effective > 1 && containerName instanceof ScalarNode cn && !cn.isNull()) {
            String attr = number(scale) != null ? "scale" : "deploy.replicas";
            throw at(cn, path.key("container_name"), "can't set container_name and " + attr
                    + " as container name must be unique");
        }
    }

    private static void same(MapNode s, KeyPath path, String shortKey, KeyPath deployKey) {
        Node a = s.get(shortKey);
        Node b = Nodes.at(s, deployKey);
        if (a instanceof ScalarNode x && b instanceof ScalarNode y && !x.isNull() && !y.isNull()
                && !Objects.equals(x.text(), y.text())) {
            throw at(y, path.key("deploy").key("resources"), "can't set distinct values on '" + shortKey + "' and '"
                    + deployKey + "'");
        }
    }

    private static Long number(Node n) {
        if (n instanceof ScalarNode s && s.value() instanceof Long l) {
            return l;
        }
        return null;
    }
}
