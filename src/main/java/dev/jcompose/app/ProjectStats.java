package dev.jcompose.app;

import dev.jcompose.app.ProjectContainers.OneOff;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.ResourceUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * `stats`: readings of the project's containers (one-offs included, as compose's label filter has them), one
 * round at a time. A container seen for the first time is read with the engine's one-second CPU delta; later
 * rounds read at once and take the delta from this object's previous reading, so a live display refreshes every
 * round without a second of waiting per container.
 */
public final class ProjectStats {
    /** One container's line. */
    public record Row(String id, String name, ResourceUsage usage) {
    }

    private final Engine engine;
    private final Map<String, ResourceUsage> previous = new HashMap<>();

    public ProjectStats(Engine engine) {
        this.engine = engine;
    }

    /** The running containers of the services (all when none named), with {@code all} stopped ones too; by name. */
    public List<Row> round(String project, List<String> services, boolean all) {
        List<ContainerSummary> found = ProjectContainers.sortedByName(
                ProjectContainers.list(engine, project, OneOff.INCLUDE, all, services));
        List<Row> rows = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ResourceUsage>> readings = new ArrayList<>();
            for (ContainerSummary c : found) {
                readings.add(pool.submit(() -> read(c.id())));
            }
            for (int i = 0; i < found.size(); i++) {
                ResourceUsage usage = readings.get(i).get();
                if (usage != null) {
                    rows.add(new Row(found.get(i).id(), ProjectContainers.name(found.get(i)), usage));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        previous.keySet().retainAll(rows.stream().map(Row::id).toList());
        return rows;
    }

    /** Null when the container went away between the list and the reading. */
    private ResourceUsage read(String id) {
        try {
            ResourceUsage before;
            synchronized (previous) {
                before = previous.get(id);
            }
            ResourceUsage now = before == null ? engine.stats(id, true) : engine.stats(id, false).after(before);
            synchronized (previous) {
                if (now.read() != null) {
                    previous.put(id, now);
                } else {
                    previous.remove(id);
                }
            }
            return now;
        } catch (RuntimeException e) {
            if (EngineErrors.isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }
}
