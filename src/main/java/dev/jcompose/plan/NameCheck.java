package dev.jcompose.plan;

import dev.jcompose.error.ComposeException;
import dev.jcompose.error.ComposeException.Kind;
import dev.jcompose.state.Names;
import dev.jcompose.state.ObservedContainer;
import java.util.Map;
import java.util.Optional;

/**
 * A container name the plan gives must be free: the engine would refuse the create half-way through `up`.
 * Checked once the plan is complete, and still before anything runs.
 */
final class NameCheck {
    private NameCheck() {
    }

    static void check(ReconcileContext ctx) {
        for (Map.Entry<String, String> planned : ctx.plannedNames.entrySet()) {
            String name = planned.getKey();
            Optional<ObservedContainer> foreign = ctx.observed.foreignContainerNamed(name);
            if (foreign.isPresent()) {
                ObservedContainer holder = foreign.get();
                String owner = holder.project() == null ? "not managed by compose"
                        : "of project \"" + holder.project() + "\"";
                throw new ComposeException(Kind.CONFLICT, "container name \"" + name + "\" (" + planned.getValue()
                        + ") is already in use by container " + Names.shortId(holder.id()) + " " + owner
                        + ". Remove or rename that container, or change container_name");
            }
            if (ctx.orphanRemovals.containsKey(name)) {
                continue;
            }
            for (ObservedContainer orphan : ctx.observed.orphans(ctx.desired)) {
                if (name.equals(orphan.name())) {
                    throw new ComposeException(Kind.CONFLICT, "container name \"" + name + "\" (" + planned.getValue()
                            + ") is held by " + OrphanPlanner.cause(orphan).replace("orphan (", "an orphan container ("
                            ) + ". Run with --remove-orphans to remove it");
                }
            }
        }
    }
}
