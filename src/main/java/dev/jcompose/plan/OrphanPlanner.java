package dev.jcompose.plan;

import static dev.jcompose.plan.OperationType.REMOVE_CONTAINER;
import static dev.jcompose.plan.OperationType.STOP_CONTAINER;

import dev.jcompose.state.ObservedContainer;
import java.util.ArrayList;
import java.util.List;

/**
 * Orphans are removed before services are planned (only with --remove-orphans): an orphan may hold a container
 * name the new model gives to another service, whose create must then wait for the removal.
 */
final class OrphanPlanner {
    private OrphanPlanner() {
    }

    static void plan(ReconcileContext ctx) {
        if (!ctx.options.removeOrphans()) {
            return;
        }
        for (ObservedContainer c : ctx.observed.orphans(ctx.desired)) {
            ctx.orphanRemovals.put(c.name(), removal(ctx.plan, c, cause(c), false, List.of()));
        }
    }

    static String cause(ObservedContainer c) {
        return c.oneOff() ? "orphan (exited one-off container)"
                : "orphan (service '" + c.service() + "' not in the project)";
    }

    /** stop (when running) then remove; both wait for {@code after}. */
    static PlanNode removal(PlanBuilder plan, ObservedContainer c, String cause, boolean removeVolumes,
            List<PlanNode> after) {
        List<PlanNode> deps = new ArrayList<>(after);
        if (c.state().isActive()) {
            deps = List.of(plan.add(InfraPlanner.containerOp(STOP_CONTAINER, c, cause), after));
        }
        return plan.add(InfraPlanner.containerOp(REMOVE_CONTAINER, c, cause).withRemoveVolumes(removeVolumes),
                deps);
    }

    /** The orphan removal that frees {@code name}, if one is planned. */
    static List<PlanNode> removalsHolding(ReconcileContext ctx, String name) {
        PlanNode n = ctx.orphanRemovals.get(name);
        return n == null ? List.of() : List.of(n);
    }
}
