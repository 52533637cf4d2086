package dev.jcompose.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.error.ComposeException;
import dev.jcompose.model.Project;
import dev.jcompose.state.ObservedProject;

/** Shared helpers of the golden plan tests: a plan is compared as its whole text. */
final class Golden {
    private Golden() {
    }

    static ReconcileOptions.Builder opts() {
        return ReconcileOptions.builder().hasher(Observed.HASHER);
    }

    static Plan up(Project p, ObservedProject o) {
        return Reconciler.reconcile(p, o, opts().build());
    }

    static Plan up(Project p, ObservedProject o, ReconcileOptions.Builder options) {
        return Reconciler.reconcile(p, o, options.build());
    }

    static void assertPlan(String expected, Plan plan) {
        assertEquals(expected, plan.toString(), () -> "plan was:\n" + plan);
    }

    static ComposeException assertRejected(ComposeException.Kind kind, String message, Project p, ObservedProject o,
            ReconcileOptions.Builder options) {
        ComposeException e = assertThrows(ComposeException.class, () -> Reconciler.reconcile(p, o, options.build()));
        assertEquals(message, e.getMessage());
        assertEquals(kind, e.kind());
        return e;
    }
}
