package dev.jcompose.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jcompose.graph.GraphWalker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * A DAG of operations the reconciler produced, nodes in topological order (every node after the nodes it depends
 * on), plus warnings for the user (orphans, resources not created by compose, kept diverged volumes).
 * {@link #toString()} is stable and readable: it is the golden-test oracle and the `--dry-run` text.
 */
public final class Plan {
    /** Only `plan --format json` needs a mapper: built then, not with every plan (see ResourceHash). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final List<PlanNode> nodes;
    private final List<String> warnings;

    Plan(List<PlanNode> nodes, List<String> warnings) {
        this.nodes = List.copyOf(nodes);
        this.warnings = List.copyOf(warnings);
    }

    public List<PlanNode> nodes() {
        return nodes;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** No operation to run (warnings do not count). */
    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    public PlanNode node(int id) {
        PlanNode n = nodes.get(id - 1);
        if (n.id() != id) {
            throw new IllegalStateException("plan node ids are not dense");
        }
        return n;
    }

    /** The DAG for walking: edges point from a node to the nodes it depends on. */
    public Graph<PlanNode, DefaultEdge> graph() {
        Graph<PlanNode, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        nodes.forEach(g::addVertex);
        for (PlanNode n : nodes) {
            n.dependsOn().forEach(d -> g.addEdge(n, node(d)));
        }
        return new AsUnmodifiableGraph<>(g);
    }

    /** Walks the operations in dependency order, ready nodes by id. */
    public GraphWalker<PlanNode> walker() {
        return new GraphWalker<>(graph(), Comparator.comparingInt(PlanNode::id));
    }

    /** One line per node, then one {@code warning: ...} line per warning; empty for an empty plan. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (PlanNode n : nodes) {
            sb.append(n.line()).append('\n');
        }
        for (String w : warnings) {
            sb.append("warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    /** {@code --format json}: operations with their dependencies and payload, then warnings; keys in fixed order. */
    public String toJson() {
        List<Object> ops = new ArrayList<>();
        for (PlanNode n : nodes) {
            Operation op = n.operation();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("type", op.type().name());
            m.put("resource", op.resource());
            m.put("cause", op.cause());
            putIfSet(m, "name", op.name());
            putIfSet(m, "service", op.service());
            if (op.number() > 0) {
                m.put("number", op.number());
            }
            putIfSet(m, "key", op.key());
            putIfSet(m, "containerId", op.containerId());
            putIfSet(m, "subjectNode", op.subjectNode());
            putIfSet(m, "inheritFrom", op.inheritFrom());
            if (!op.labels().isEmpty()) {
                m.put("labels", op.labels());
            }
            if (op.bestEffort()) {
                m.put("bestEffort", true);
            }
            if (op.removeVolumes()) {
                m.put("removeVolumes", true);
            }
            m.put("dependsOn", n.dependsOn());
            putIfSet(m, "group", n.group());
            ops.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("operations", ops);
        root.put("warnings", warnings);
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
