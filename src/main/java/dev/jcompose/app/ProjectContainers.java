package dev.jcompose.app;

import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.state.Labels;
import dev.jcompose.state.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds a project's containers through their labels, as compose's getContainers does: the project label, the
 * config-hash label (present on every container compose created), the one-off flag and, for one service, the
 * service label.
 */
public final class ProjectContainers {
    /** Whether `run` containers count. */
    public enum OneOff { INCLUDE, EXCLUDE, ONLY }

    private ProjectContainers() {
    }

    /** all = stopped containers too; services empty = every service. */
    public static List<ContainerSummary> list(Engine engine, String project, OneOff oneOff, boolean all,
            Collection<String> services) {
        List<String> filters = new ArrayList<>();
        filters.add(Labels.PROJECT + "=" + project);
        if (services.size() == 1) {
            filters.add(Labels.SERVICE + "=" + services.iterator().next());
        }
        filters.add(Labels.CONFIG_HASH);
        switch (oneOff) {
            case ONLY -> filters.add(Labels.ONEOFF + "=" + Labels.TRUE);
            case EXCLUDE -> filters.add(Labels.ONEOFF + "=" + Labels.FALSE);
            case INCLUDE -> { }
        }
        List<ContainerSummary> found = engine.listContainers(filters, all);
        if (services.size() > 1) {
            found = found.stream().filter(c -> services.contains(c.labels().get(Labels.SERVICE))).toList();
        }
        return found;
    }

    public static List<ContainerSummary> sortedByName(Collection<ContainerSummary> containers) {
        return containers.stream().sorted(Comparator.comparing(ProjectContainers::name)).toList();
    }

    /** The container's name; the short id when the engine reports none (a container being removed). */
    public static String name(ContainerSummary c) {
        return c.name().isEmpty() ? Names.shortId(c.id()) : c.name();
    }

    /** The service label, or the container's name for a container without one. */
    public static String service(ContainerSummary c) {
        return c.labels().getOrDefault(Labels.SERVICE, name(c));
    }

    /** How logs and events name a container: "web-1" for demo-web-1; a custom container_name stays whole. */
    public static String source(ContainerSummary c) {
        return source(name(c), c.labels());
    }

    public static String source(String name, Map<String, String> labels) {
        String project = labels.getOrDefault(Labels.PROJECT, "");
        String defaultName = project + "-" + labels.getOrDefault(Labels.SERVICE, "") + "-"
                + labels.getOrDefault(Labels.CONTAINER_NUMBER, "");
        return name.equals(defaultName) ? name.substring(project.length() + 1) : name;
    }

    public static boolean isOneOff(ContainerSummary c) {
        return Labels.isOneOff(c.labels());
    }
}
