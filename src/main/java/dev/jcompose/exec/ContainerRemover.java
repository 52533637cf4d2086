package dev.jcompose.exec;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.error.ComposeException;
import java.time.Duration;

/**
 * Removes a container whose removal is the goal: one already gone counts as removed, and one another removal is
 * busy with (dockerd: "removal of container … is already in progress", e.g. the request of a CLI killed during
 * `down`, which dockerd finishes on its own) is waited for. Any other failure stays a failure.
 */
public final class ContainerRemover {
    private static final Duration IN_PROGRESS = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Engine engine;

    public ContainerRemover(Engine engine) {
        this.engine = engine;
    }

    /** Interrupted while waiting for another removal: the conflict is thrown, with the interrupt flag kept. */
    public void remove(String container, boolean force, boolean volumes) {
        try {
            engine.removeContainer(container, force, volumes);
        } catch (ComposeException e) {
            if (EngineErrors.isNotFound(e)) {
                return;
            }
            if (e.kind() != ComposeException.Kind.CONFLICT || !String.valueOf(e.getMessage()).contains("already in progress")) {
                throw e;
            }
            long deadline = System.nanoTime() + IN_PROGRESS.toNanos();
            while (engine.findContainer(container).isPresent()) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(POLL);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
