package dev.jcompose.app;

import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.error.ComposeException;
import dev.jcompose.state.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds a project's containers by service the way compose does (its getContainers / getSpecifiedContainer):
 * by labels, never by name, and only containers compose made (those with a config-hash label).
 */
public final class ServiceContainers {
    /** Which containers of `run` to consider. */
    public enum OneOff { INCLUDE, EXCLUDE, ONLY }

    private final Engine engine;
    private final String project;

    public ServiceContainers(Engine engine, String project) {
        this.engine = engine;
        this.project = project;
    }

    public String project() {
        return project;
    }

    /**
     * The containers of {@code services} (all services when empty); stopped ones too when {@code all}. The
     * engine's order (newest first) is kept.
     */
    public List<ContainerSummary> list(OneOff oneOff, boolean all, List<String> services) {
        List<String> filters = filters(oneOff, services.size() == 1 ? services.getFirst() : null);
        List<ContainerSummary> found = engine.listContainers(filters, all);
        if (services.size() <= 1) {
            return found;
        }
        return found.stream().filter(c -> services.contains(c.labels().get(Labels.SERVICE))).toList();
    }

    /**
     * The container `exec` and `cp --index` act on: replica {@code index} when it is positive, else the
     * lowest-numbered replica, one-off containers last.
     */
    public ContainerSummary specified(OneOff oneOff, boolean all, String service, int index) {
        List<String> filters = new ArrayList<>(filters(oneOff, service));
        if (index > 0) {
            filters.add(Labels.CONTAINER_NUMBER + "=" + index);
        }
        List<ContainerSummary> found = new ArrayList<>(engine.listContainers(filters, all));
        if (found.isEmpty()) {
            throw new ComposeException(ComposeException.Kind.NOT_FOUND, index > 0
                    ? "service \"" + service + "\" is not running container #" + index
                    : "service \"" + service + "\" is not running");
        }
        found.sort(Comparator.comparing((ContainerSummary c) -> Labels.isOneOff(c.labels()))
                .thenComparingInt(c -> Labels.number(c.labels())));
        return found.getFirst();
    }

    private List<String> filters(OneOff oneOff, String service) {
        List<String> filters = new ArrayList<>();
        filters.add(Labels.PROJECT + "=" + project);
        if (service != null) {
            filters.add(Labels.SERVICE + "=" + service);
        }
        filters.add(Labels.CONFIG_HASH);
        switch (oneOff) {
            case ONLY -> filters.add(Labels.ONEOFF + "=" + Labels.TRUE);
            case EXCLUDE -> filters.add(Labels.ONEOFF + "=" + Labels.FALSE);
            case INCLUDE -> { }
        }
        return filters;
    }
}
