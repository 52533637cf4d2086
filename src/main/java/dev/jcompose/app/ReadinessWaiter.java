package dev.jcompose.app;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.ProgressEvent;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.model.DependsOn;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.state.Labels;
import java.time.Duration;
import java.util.List;

/**
 * `up --wait`: every selected service's containers running, and healthy when they have a healthcheck. A
 * one-shot service that others depend on with service_completed_successfully is done when it exited 0 (compose
 * #10596). Unhealthy or exited fails at once; the timeout is a TIMEOUT error.
 */
final class ReadinessWaiter {
    private final Engine engine;
    private final Project project;
    private final ProgressListener listener;

    ReadinessWaiter(Engine engine, Project project, ProgressListener listener) {
        this.engine = engine;
        this.project = project;
        this.listener = listener;
    }

    void await(List<String> services, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        try {
            for (String name : services) {
                Service s = project.service(name);
                boolean oneShot = isCompletionDependency(name);
                for (var c : engine.listContainers(List.of(Labels.PROJECT + "=" + project.name(),
                        Labels.SERVICE + "=" + name, Labels.ONEOFF + "=" + Labels.FALSE), true)) {
                    awaitOne(c.id(), oneShot, deadline, timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "interrupted while waiting");
        }
    }

    private boolean isCompletionDependency(String service) {
        return project.services().values().stream().anyMatch(s -> s.dependsOn().containsKey(service)
                && DependsOn.COMPLETED.equals(s.dependsOn().get(service).condition()));
    }

    private void awaitOne(String id, boolean oneShot, long deadline, Duration timeout) throws InterruptedException {
        boolean told = false;
        while (true) {
            ContainerInfo c = engine.inspectContainer(id);
            ContainerInfo.Status st = c.status();
            if (oneShot && st.state() == ContainerState.EXITED && st.exitCode() == 0) {
                listener.on(ProgressEvent.done("Container", c.name(), "Exited"));
                return;
            }
            if (st.state() == ContainerState.EXITED || st.state() == ContainerState.DEAD) {
                throw new ComposeException(ComposeException.Kind.ENGINE, "container " + c.name() + " exited ("
                        + st.exitCode() + ")");
            }
            HealthStatus h = st.health();
            if (h == HealthStatus.UNHEALTHY) {
                throw new ComposeException(ComposeException.Kind.ENGINE, "container " + c.name() + " is unhealthy");
            }
            if (st.running() && (h == null || h == HealthStatus.NONE || h == HealthStatus.HEALTHY)) {
                listener.on(ProgressEvent.done("Container", c.name(), h == HealthStatus.HEALTHY ? "Healthy"
                        : "Running"));
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ComposeException(ComposeException.Kind.TIMEOUT, "timeout after " + timeout.toSeconds()
                        + "s waiting for container " + c.name() + " to be " + (h == HealthStatus.STARTING
                        ? "healthy" : "running"));
            }
            if (!told) {
                listener.on(ProgressEvent.working("Container", c.name(), "Waiting"));
                told = true;
            }
            Thread.sleep(250);
        }
    }
}
