package dev.jcompose.plan;

import static dev.jcompose.plan.OperationType.REMOVE_IMAGE;
import static dev.jcompose.plan.OperationType.REMOVE_NETWORK;
import static dev.jcompose.plan.OperationType.REMOVE_VOLUME;

import dev.jcompose.graph.ProjectGraph;
import dev.jcompose.model.Network;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.model.Volume;
import dev.jcompose.state.Names;
import dev.jcompose.state.ObservedContainer;
import dev.jcompose.state.ObservedNetwork;
import dev.jcompose.state.ObservedProject;
import dev.jcompose.state.ObservedVolume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * `down`: containers stopped and removed dependents first (a service's containers wait for the removal of the
 * services that depend on it), then the project's networks, and volumes only with -v. External resources are never
 * removed, nor resources carrying another project's label or none: `down -v` must not lose data it did not create.
 */
final class DownPlanner {
    private DownPlanner() {
    }

    static Plan plan(Project project, ObservedProject observed, DownOptions options) {
        ProjectGraph graph = ProjectGraph.of(project);
        PlanBuilder plan = new PlanBuilder();
        Map<String, List<PlanNode>> removedByService = new TreeMap<>();
        List<PlanNode> allRemovals = new ArrayList<>();
        Set<String> handled = new HashSet<>();
        for (String service : graph.stopOrder()) {
            List<PlanNode> after = new ArrayList<>();
            graph.dependents(service).forEach(d -> after.addAll(removedByService.getOrDefault(d, List.of())));
            List<PlanNode> removals = new ArrayList<>();
            for (ObservedContainer c : observed.containers()) {
                // One-off containers of a service go only with --remove-orphans, as in compose.
                if (service.equals(c.service()) && (!c.oneOff() || options.removeOrphans())) {
                    removals.add(OrphanPlanner.removal(plan, c, "project down", options.volumes(), after));
                    handled.add(c.id());
                }
            }
            removedByService.put(service, removals);
            allRemovals.addAll(removals);
        }
        if (options.removeOrphans()) {
            for (ObservedContainer c : observed.orphans(project)) {
                if (handled.add(c.id())) {
                    allRemovals.add(OrphanPlanner.removal(plan, c, OrphanPlanner.cause(c), options.volumes(),
                            List.of()));
                }
            }
        }
        removeNetworks(project, observed, plan, allRemovals);
        if (options.volumes()) {
            removeVolumes(project, observed, plan, allRemovals);
        }
        if (options.rmi() != null) {
            for (String image : images(project, options.rmi())) {
                plan.add(Operation.of(REMOVE_IMAGE, "image:" + image, "--rmi " + options.rmi(), image)
                        .asBestEffort(), allRemovals);
            }
        }
        if (plan.nodes().isEmpty()) {
            plan.warn("No resource found to remove for project \"" + project.name() + "\".");
        }
        return plan.build();
    }

    private static void removeNetworks(Project project, ObservedProject observed, PlanBuilder plan,
            List<PlanNode> after) {
        for (Map.Entry<String, Network> e : project.networks().entrySet()) {
            Network n = e.getValue();
            if (n.external()) {
                continue;
            }
            Optional<ObservedNetwork> live = observed.network(e.getKey(), n.name());
            if (live.isPresent() && project.name().equals(live.get().project())) {
                plan.add(Operation.of(REMOVE_NETWORK, "network:" + e.getKey(), "project down", live.get().name())
                        .withKey(e.getKey()), after);
            }
        }
    }

    private static void removeVolumes(Project project, ObservedProject observed, PlanBuilder plan,
            List<PlanNode> after) {
        for (Map.Entry<String, Volume> e : project.volumes().entrySet()) {
            Volume v = e.getValue();
            if (v.external()) {
                continue;
            }
            Optional<ObservedVolume> live = observed.volume(e.getKey(), v.name());
            if (live.isEmpty()) {
                continue;
            }
            if (project.name().equals(live.get().project())) {
                plan.add(Operation.of(REMOVE_VOLUME, "volume:" + e.getKey(), "down -v", live.get().name())
                        .withKey(e.getKey()), after);
            } else {
                plan.warn("volume \"" + live.get().name() + "\" was not created by project \"" + project.name()
                        + "\": kept");
            }
        }
    }

    /** --rmi local: images compose built and named itself; all: every image the services use. */
    private static SortedSet<String> images(Project project, String rmi) {
        SortedSet<String> images = new TreeSet<>();
        for (Service s : project.services().values()) {
            boolean named = s.image() != null && !s.image().isEmpty();
            if (!named) {
                images.add(Names.defaultImage(project.name(), s.name()));
            } else if (rmi.equals("all")) {
                images.add(s.image());
            }
        }
        return images;
    }
}
