package dev.jcompose.plan;

import static dev.jcompose.plan.OperationType.RESTART_CONTAINER;
import static dev.jcompose.plan.OperationType.START_CONTAINER;
import static dev.jcompose.plan.OperationType.UNPAUSE_CONTAINER;

import dev.jcompose.graph.ImplicitDependencies;
import dev.jcompose.model.DependsOn;
import dev.jcompose.model.Service;
import dev.jcompose.state.ObservedContainer;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes containers run after `up`: start new and replacement containers, start stopped ones, unpause paused
 * ones, restart dependents whose dependency was recreated with {@code restart: true}. A start waits for the starts
 * of the services it depends on; the executor then waits for their depends_on condition (healthy, completed).
 */
final class StartPlanner {
    private final ReconcileContext ctx;

    StartPlanner(ReconcileContext ctx) {
        this.ctx = ctx;
    }

    /** Start of a container the plan creates; {@code after} is its create or final rename node. */
    void created(Service service, String resource, String name, int number, PlanNode after, PlanNode create,
            String cause) {
        if (ctx.options.noStart()) {
            return;
        }
        List<PlanNode> deps = new ArrayList<>(List.of(after));
        deps.addAll(dependencyReadiness(service));
        PlanNode start = ctx.plan.add(Operation.of(START_CONTAINER, resource, cause, name)
                .withService(service.name(), number).withSubject(create.id()), deps);
        ctx.markReady(service.name(), start);
    }

    /** An existing container kept as is; {@code renamed} is its rename node when it had to get its name back. */
    void existing(Service service, ObservedContainer c, PlanNode renamed) {
        if (ctx.options.noStart()) {
            return;
        }
        List<PlanNode> deps = new ArrayList<>(InfraPlanner.listOf(renamed));
        deps.addAll(ctx.connectNodes.getOrDefault(c.id(), List.of()));
        deps.addAll(dependencyReadiness(service));
        String name = renamed != null ? renamed.operation().name() : c.name();
        Operation op = null;
        if (ctx.stoppedByPlan.containsKey(c.id())) {
            op = op(START_CONTAINER, c, name, "stopped to reconnect a recreated network");
        } else {
            switch (c.state()) {
                case EXITED -> op = op(START_CONTAINER, c, name, "not running (exited with code " + c.exitCode()
                        + ")");
                case CREATED -> op = op(START_CONTAINER, c, name, "not running (created)");
                case PAUSED -> op = op(UNPAUSE_CONTAINER, c, name, "paused");
                case RUNNING -> op = restartForRecreatedDependency(service, c, name, deps);
                default -> {
                    // restarting / removing: the engine is already acting on it.
                }
            }
        }
        if (op != null) {
            ctx.markReady(service.name(), ctx.plan.add(op, deps));
        }
    }

    /** depends_on {@code restart: true}: a running dependent is restarted once its dependency was recreated. */
    private Operation restartForRecreatedDependency(Service service, ObservedContainer c, String name,
            List<PlanNode> deps) {
        List<String> recreated = new ArrayList<>();
        for (String dependency : ctx.graph.dependencies(service.name())) {
            if (ctx.recreatedServices.contains(dependency) && restartsWith(service, dependency)) {
                recreated.add(dependency);
            }
        }
        if (recreated.isEmpty()) {
            return null;
        }
        return op(RESTART_CONTAINER, c, name, "dependency " + String.join(", ", recreated)
                + " recreated (restart: true)");
    }

    private static boolean restartsWith(Service service, String dependency) {
        DependsOn explicit = service.dependsOn().get(dependency);
        return explicit != null && explicit.restart()
                || Boolean.TRUE.equals(ImplicitDependencies.of(service).get(dependency));
    }

    /** Containers outside the selected services that a network recreation stopped are started again. */
    void reconnectedOutsideScope() {
        if (ctx.options.noStart()) {
            return;
        }
        for (ObservedContainer c : ctx.observed.containers()) {
            if (ctx.stoppedByPlan.containsKey(c.id()) && !ctx.scope.contains(c.service())
                    && ctx.connectNodes.containsKey(c.id())) {
                ctx.plan.add(op(START_CONTAINER, c, c.name(), "stopped to reconnect a recreated network"),
                        ctx.connectNodes.get(c.id()));
            }
        }
    }

    private List<PlanNode> dependencyReadiness(Service service) {
        List<PlanNode> deps = new ArrayList<>();
        for (String dependency : ctx.graph.dependencies(service.name())) {
            if (ctx.scope.contains(dependency)) {
                deps.addAll(ctx.readinessOf(dependency));
            }
        }
        return deps;
    }

    private static Operation op(OperationType type, ObservedContainer c, String name, String cause) {
        return Operation.of(type, c.resourceId(), cause, name).withService(c.service(), Math.max(0, c.number()))
                .withContainer(c.id());
    }
}
