package dev.jcompose.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Appends nodes in topological order (a node can only depend on nodes added before it). */
final class PlanBuilder {
    private final List<PlanNode> nodes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    PlanNode add(Operation op, String group, Collection<PlanNode> deps) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (PlanNode d : deps) {
            if (d != null) {
                ids.add(d.id());
            }
        }
        PlanNode node = new PlanNode(nodes.size() + 1, op, ids, group);
        nodes.add(node);
        return node;
    }

    PlanNode add(Operation op, Collection<PlanNode> deps) {
        return add(op, null, deps);
    }

    PlanNode add(Operation op) {
        return add(op, null, List.of());
    }

    /** Peeks at the id the next node will get, for causes that name it ("replaced by #5"). */
    int nextId() {
        return nodes.size() + 1;
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    List<PlanNode> nodes() {
        return nodes;
    }

    Plan build() {
        return new Plan(nodes, warnings);
    }
}
