package dev.jcompose.plan;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One operation of the plan DAG with the ids of the nodes that must finish before it starts. {@code group} ties
 * the steps of one logical change together for progress display, e.g. {@code recreate:web:1}; null otherwise.
 */
public record PlanNode(int id, Operation operation, SortedSet<Integer> dependsOn, String group) {
    public PlanNode {
        dependsOn = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(dependsOn));
    }

    /** {@code [1,2] -> #3 service:web:1, CREATE_CONTAINER myapp-web-1, no existing container [group]}. */
    String line() {
        StringBuilder sb = new StringBuilder();
        sb.append('[');
        boolean first = true;
        for (int d : dependsOn) {
            if (!first) {
                sb.append(',');
            }
            sb.append(d);
            first = false;
        }
        sb.append("] -> #").append(id).append(' ').append(operation.resource()).append(", ")
                .append(operation.type());
        if (operation.name() != null) {
            sb.append(' ').append(operation.name());
        }
        sb.append(", ").append(operation.cause());
        if (group != null) {
            sb.append(" [").append(group).append(']');
        }
        return sb.toString();
    }
}
