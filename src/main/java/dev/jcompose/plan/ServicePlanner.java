package dev.jcompose.plan;

import static dev.jcompose.plan.OperationType.CREATE_CONTAINER;
import static dev.jcompose.plan.OperationType.REMOVE_CONTAINER;
import static dev.jcompose.plan.OperationType.RENAME_CONTAINER;
import static dev.jcompose.plan.OperationType.STOP_CONTAINER;

import dev.jcompose.model.Service;
import dev.jcompose.state.DesiredLabels;
import dev.jcompose.state.Labels;
import dev.jcompose.state.Names;
import dev.jcompose.state.ObservedContainer;
import dev.jcompose.state.ObservedProject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The containers of one service: remove duplicates and excess replicas (obsolete first, then highest numbers),
 * recreate diverged ones, start stopped ones, create missing ones numbered from max+1.
 */
final class ServicePlanner {
    private final ReconcileContext ctx;
    private final RecreateCause causes;
    private final StartPlanner starts;

    ServicePlanner(ReconcileContext ctx) {
        this.ctx = ctx;
        this.causes = new RecreateCause(ctx);
        this.starts = new StartPlanner(ctx);
    }

    void plan(String name) {
        Service service = ctx.service(name);
        int expected = ctx.scaleOf(name);
        String hash = ctx.desiredHash(name);
        RecreateCause.Policy policy = causes.policyFor(name);
        Map<String, String> reasons = new TreeMap<>();
        List<ObservedContainer> live = new ArrayList<>();
        List<PlanNode> removals = new ArrayList<>();
        for (ObservedContainer c : ctx.liveContainers(name)) {
            if (c.number() < 1) {
                // Without a number it can be neither kept nor replaced under its name: compose ignores it, we
                // remove it so the service converges to exactly its replicas.
                removals.add(remove(c, "replica without a " + Labels.CONTAINER_NUMBER + " label"));
            } else {
                live.add(c);
            }
        }
        live.forEach(c -> {
            String reason = causes.of(service, c, policy, hash);
            if (reason != null) {
                reasons.put(c.id(), reason);
            }
        });

        List<ObservedContainer> unique = new ArrayList<>();
        List<ObservedContainer> duplicates = new ArrayList<>();
        splitDuplicates(live, reasons, unique, duplicates);

        // Keep up-to-date replicas with low numbers; what falls past the scale goes, obsolete ones first.
        Comparator<ObservedContainer> keepOrder = Comparator
                .comparing((ObservedContainer c) -> reasons.containsKey(c.id()))
                .thenComparing(ObservedProject.BY_NUMBER);
        unique.sort(keepOrder);
        List<ObservedContainer> keep = new ArrayList<>(unique.subList(0, Math.min(expected, unique.size())));
        List<ObservedContainer> excess = new ArrayList<>(unique.subList(keep.size(), unique.size()));

        // A duplicate may hold the final name a kept replica gets back: renames wait for these removals.
        List<PlanNode> nameFreed = new ArrayList<>();
        for (ObservedContainer d : duplicates) {
            nameFreed.add(remove(d, "duplicate of replica #" + d.number() + " (left by an interrupted recreate)"));
        }
        removals.addAll(nameFreed);
        String scale = "scale " + unique.size() + "→" + expected;
        excess.stream().filter(c -> reasons.containsKey(c.id())).forEach(c ->
                removals.add(remove(c, scale + ": obsolete first (" + reasons.get(c.id()) + ")")));
        excess.stream().filter(c -> !reasons.containsKey(c.id()))
                .sorted(ObservedProject.BY_NUMBER.reversed())
                .forEach(c -> removals.add(remove(c, scale)));
        removals.forEach(n -> ctx.markDone(name, n));

        List<PlanNode> infra = infraDeps(name);
        keep.sort(ObservedProject.BY_NUMBER);
        for (ObservedContainer c : keep) {
            String reason = reasons.get(c.id());
            if (reason != null) {
                recreate(service, c, reason, infra, nameFreed);
                ctx.recreatedServices.add(name);
            } else {
                PlanNode renamed = renameIfMisnamed(service, c, nameFreed);
                starts.existing(service, c, renamed);
            }
        }

        // max+1 like compose (gaps are not filled); containers a volume recreation removed no longer count.
        int next = live.stream().mapToInt(ObservedContainer::number).max()
                .orElse(0) + 1;
        for (int i = 0; i < expected - keep.size(); i++) {
            create(service, next + i, infra);
        }
    }

    /**
     * Two replicas with one number are what an interrupted recreate leaves (old and replacement): keep the one
     * that needs no recreate, else the newest, and remove the others.
     */
    private static void splitDuplicates(List<ObservedContainer> live, Map<String, String> reasons,
            List<ObservedContainer> unique, List<ObservedContainer> duplicates) {
        Map<Integer, List<ObservedContainer>> byNumber = new TreeMap<>();
        live.forEach(c -> byNumber.computeIfAbsent(c.number(), n -> new ArrayList<>()).add(c));
        Comparator<ObservedContainer> best = Comparator
                .comparing((ObservedContainer c) -> reasons.containsKey(c.id()))
                .thenComparing(ObservedContainer::created, Comparator.reverseOrder())
                .thenComparing(ObservedContainer::id);
        for (List<ObservedContainer> same : byNumber.values()) {
            same.sort(best);
            unique.add(same.get(0));
            duplicates.addAll(same.subList(1, same.size()));
        }
    }

    private PlanNode remove(ObservedContainer c, String cause) {
        PlanNode stop = ctx.stoppedByPlan.get(c.id());
        if (stop == null && c.state().isActive()) {
            stop = ctx.plan.add(InfraPlanner.containerOp(STOP_CONTAINER, c, cause));
            ctx.stoppedByPlan.put(c.id(), stop);
        }
        List<PlanNode> deps = new ArrayList<>(InfraPlanner.listOf(stop));
        deps.addAll(ctx.connectNodes.getOrDefault(c.id(), List.of()));
        return ctx.plan.add(InfraPlanner.containerOp(REMOVE_CONTAINER, c, cause), deps);
    }

    /** Networks and volumes the service needs, and the container changes of the services it depends on. */
    private List<PlanNode> infraDeps(String name) {
        List<PlanNode> deps = new ArrayList<>();
        ctx.graph.networksOf(name).forEach(k -> addIfPresent(deps, ctx.networkNodes.get(k)));
        ctx.graph.volumesOf(name).forEach(k -> addIfPresent(deps, ctx.volumeNodes.get(k)));
        for (String dependency : ctx.graph.dependencies(name)) {
            deps.addAll(ctx.serviceDone.getOrDefault(dependency, List.of()));
        }
        return deps;
    }

    private static void addIfPresent(List<PlanNode> deps, PlanNode node) {
        if (node != null) {
            deps.add(node);
        }
    }

    /** create replacement under a temporary name → stop old → remove old → rename replacement → start. */
    private void recreate(Service service, ObservedContainer old, String reason, List<PlanNode> infra,
            List<PlanNode> nameFreed) {
        String resource = "service:" + service.name() + ":" + old.number();
        String group = "recreate:" + service.name() + ":" + old.number();
        String finalName = service.containerName(ctx.desired.name(), old.number());
        boolean renew = ctx.options.renewAnonVolumes();
        Operation createOp = Operation.of(CREATE_CONTAINER, resource,
                        renew ? reason + ", anonymous volumes renewed (-V)" : reason,
                        Names.replacement(old.id(), finalName))
                .withService(service.name(), old.number())
                .withLabels(DesiredLabels.forReplacement(ctx.desired, service, old.number(),
                        ctx.desiredHash(service.name()), ctx.options.imageDigests().get(service.name())));
        PlanNode create = ctx.plan.add(renew ? createOp : createOp.withInheritFrom(old.id()), group, infra);

        String replaced = "replaced by #" + create.id();
        PlanNode stop = ctx.stoppedByPlan.get(old.id());
        // Invariant: the replacement exists before the old container goes. A stop planned here waits for the
        // create; a stop planned earlier (network recreation) or no stop at all does not, so the remove must.
        List<PlanNode> removeDeps = new ArrayList<>();
        if (stop == null && old.state().isActive()) {
            stop = ctx.plan.add(InfraPlanner.containerOp(STOP_CONTAINER, old, replaced), group, List.of(create));
            ctx.stoppedByPlan.put(old.id(), stop);
            removeDeps.add(stop);
        } else {
            removeDeps.add(create);
            removeDeps.addAll(InfraPlanner.listOf(stop));
        }
        removeDeps.addAll(ctx.connectNodes.getOrDefault(old.id(), List.of()));
        PlanNode remove = ctx.plan.add(InfraPlanner.containerOp(REMOVE_CONTAINER, old, replaced), group,
                removeDeps);
        List<PlanNode> renameDeps = new ArrayList<>(List.of(remove));
        renameDeps.addAll(nameFreed);
        PlanNode rename = ctx.plan.add(Operation.of(RENAME_CONTAINER, resource, "finalize recreate", finalName)
                .withService(service.name(), old.number()).withSubject(create.id()), group, renameDeps);
        ctx.markDone(service.name(), rename);
        ctx.plannedNames.put(finalName, resource);
        starts.created(service, resource, finalName, old.number(), rename, create, "recreated");
    }

    private void create(Service service, int number, List<PlanNode> infra) {
        String resource = "service:" + service.name() + ":" + number;
        String name = service.containerName(ctx.desired.name(), number);
        List<PlanNode> deps = new ArrayList<>(infra);
        deps.addAll(OrphanPlanner.removalsHolding(ctx, name));
        PlanNode create = ctx.plan.add(Operation.of(CREATE_CONTAINER, resource, "no existing container", name)
                .withService(service.name(), number)
                .withLabels(DesiredLabels.forContainer(ctx.desired, service, number, ctx.desiredHash(service.name()),
                        ctx.options.imageDigests().get(service.name()))), deps);
        ctx.markDone(service.name(), create);
        ctx.plannedNames.put(name, resource);
        starts.created(service, resource, name, number, create, create, "new container");
    }

    /** A kept replica still under a temporary name (interrupted recreate) gets its name back. */
    private PlanNode renameIfMisnamed(Service service, ObservedContainer c, List<PlanNode> removals) {
        String expected = service.containerName(ctx.desired.name(), c.number());
        if (expected.equals(c.name())) {
            return null;
        }
        PlanNode rename = ctx.plan.add(Operation.of(RENAME_CONTAINER, c.resourceId(),
                "named " + c.name() + " by an interrupted recreate", expected)
                .withService(service.name(), c.number()).withContainer(c.id()), removals);
        ctx.plannedNames.put(expected, c.resourceId());
        ctx.markDone(service.name(), rename);
        return rename;
    }
}
