package dev.jcompose.cli;

import dev.jcompose.app.ContainerLifecycle;
import dev.jcompose.app.EngineSelector;
import java.time.Duration;
import java.util.List;

/** Plumbing of start, stop, restart, kill, pause, unpause and rm: target, engine, progress, lifecycle. */
abstract class LifecycleCommand extends ContainerCommand {
    /** One lifecycle action, given the open lifecycle and the target it acts on. */
    @FunctionalInterface
    interface Action {
        int run(ContainerLifecycle lifecycle, Target target) throws InterruptedException;
    }

    /** Runs the action with progress under {@code title} (compose's: Stopping, Restarting, Killing...). */
    int withLifecycle(List<String> services, String title, Action action) throws InterruptedException {
        Target target = target(services);
        checkServices(target.project(), services);
        try (EngineSelector.Selected engine = openEngine();
                ProgressRenderer progress = progress(title)) {
            return action.run(new ContainerLifecycle(engine, target.name(), target.project(), progress,
                    global().parallelLimit()), target);
        }
    }

    static Duration seconds(Integer timeout) {
        return timeout == null ? null : Duration.ofSeconds(timeout);
    }
}
