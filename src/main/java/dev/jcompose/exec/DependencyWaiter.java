package dev.jcompose.exec;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.error.ComposeException;
import dev.jcompose.model.DependsOn;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.state.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Waits for depends_on conditions before a dependent starts, as compose does: service_healthy polls health
 * every 500 ms and fails fast on "unhealthy"; service_completed_successfully waits for exit 0. A dependency
 * with required: false that is absent is skipped.
 */
public final class DependencyWaiter {
    static final Duration POLL = Duration.ofMillis(500);

    private final Engine engine;
    private final Project project;
    private final ProgressListener listener;

    public DependencyWaiter(Engine engine, Project project, ProgressListener listener) {
        this.engine = engine;
        this.project = project;
        this.listener = listener;
    }

    public void awaitDependencies(Service service) throws InterruptedException {
        for (Map.Entry<String, DependsOn> e : service.dependsOn().entrySet()) {
            String dep = e.getKey();
            DependsOn d = e.getValue();
            if (DependsOn.STARTED.equals(d.condition())) {
                continue;
            }
            List<String> ids = containerIds(dep);
            if (ids.isEmpty()) {
                if (!d.required() || !project.services().containsKey(dep)) {
                    continue;
                }
                throw new ComposeException(ComposeException.Kind.ENGINE, "dependency " + dep + " of " + service.name()
                        + " has no container");
            }
            for (String id : ids) {
                awaitCondition(dep, id, d.condition());
            }
        }
    }

    private List<String> containerIds(String service) {
        return engine.listContainers(List.of(Labels.PROJECT + "=" + project.name(), Labels.SERVICE + "=" + service,
                Labels.ONEOFF + "=" + Labels.FALSE), true).stream().map(c -> c.id()).toList();
    }

    private void awaitCondition(String dep, String id, String condition) throws InterruptedException {
        boolean told = false;
        while (true) {
            ContainerInfo c = engine.inspectContainer(id);
            ContainerInfo.Status s = c.status();
            if (DependsOn.HEALTHY.equals(condition)) {
                HealthStatus h = s.health();
                if (h == HealthStatus.HEALTHY) {
                    listener.on(ProgressEvent.done("Container", c.name(), "Healthy"));
                    return;
                }
                if (h == HealthStatus.UNHEALTHY) {
                    listener.on(ProgressEvent.error("Container", c.name(), "Error", "unhealthy"));
                    throw new ComposeException(ComposeException.Kind.ENGINE, "dependency failed to start: container "
                            + c.name() + " is unhealthy");
                }
                if (h == null || h == HealthStatus.NONE) {
                    throw new ComposeException(ComposeException.Kind.CONFIG, "dependency " + dep
                            + " is used with condition service_healthy but has no healthcheck");
                }
                if (!s.running() && s.state() != ContainerState.CREATED) {
                    throw new ComposeException(ComposeException.Kind.ENGINE, "dependency failed to start: container "
                            + c.name() + " exited (" + s.exitCode() + ")");
                }
            } else if (DependsOn.COMPLETED.equals(condition)) {
                if (s.state() == ContainerState.EXITED || s.state() == ContainerState.DEAD) {
                    if (s.exitCode() == 0) {
                        listener.on(ProgressEvent.done("Container", c.name(), "Exited"));
                        return;
                    }
                    throw new ComposeException(ComposeException.Kind.ENGINE, "service " + dep
                            + " didn't complete successfully: exit " + s.exitCode());
                }
            } else {
                return;
            }
            if (!told) {
                listener.on(ProgressEvent.working("Container", c.name(), "Waiting"));
                told = true;
            }
            Thread.sleep(POLL);
        }
    }
}
