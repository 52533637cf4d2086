package dev.jcompose.plan;

import dev.jcompose.model.Project;
import dev.jcompose.state.ObservedProject;

/**
 * Desired state (the loaded project) + observed state (what the engine holds) → a Plan. Pure: no engine call, no
 * I/O, no clock; the same inputs give the same plan, which is what makes `--dry-run` trustworthy and golden tests
 * possible. Every error is raised before the plan is returned, so a rejected `up` changes nothing.
 */
public final class Reconciler {
    private Reconciler() {
    }

    /** Plan for `up` / `create`. */
    public static Plan reconcile(Project desired, ObservedProject observed, ReconcileOptions options) {
        ReconcileContext ctx = Preflight.check(desired, observed, options);
        new InfraPlanner(ctx).plan();
        OrphanPlanner.plan(ctx);
        ServicePlanner services = new ServicePlanner(ctx);
        for (String service : ctx.graph.startOrder()) {
            if (ctx.scope.contains(service)) {
                services.plan(service);
            }
        }
        new StartPlanner(ctx).reconnectedOutsideScope();
        NameCheck.check(ctx);
        return ctx.plan.build();
    }

    /** Plan for `down`. */
    public static Plan down(Project project, ObservedProject observed, DownOptions options) {
        return DownPlanner.plan(project, observed, options);
    }
}
