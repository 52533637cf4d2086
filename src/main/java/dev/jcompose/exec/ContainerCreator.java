package dev.jcompose.exec;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.error.ComposeException;
import dev.jcompose.state.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Creates a planned container. The plan was made from what the engine showed a moment ago, but a CLI killed while
 * its create request was in flight leaves that request to the engine, which finishes it after the next run
 * observed: the name is then taken by a container of the very same slot (project, service, number). That
 * container is a leftover of an interrupted run of this project — the project lock rules out a live one — so it
 * is replaced, and the create retried. A name held by anything else stays the user's conflict.
 */
final class ContainerCreator {
    private static final List<String> SLOT = List.of(Labels.PROJECT, Labels.SERVICE, Labels.CONTAINER_NUMBER,
            Labels.ONEOFF);
    /** How long a name may be reserved by a create the engine has not finished yet. */
    private static final Duration IN_FLIGHT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Engine engine;

    ContainerCreator(Engine engine) {
        this.engine = engine;
    }

    String create(ContainerSpec spec) throws InterruptedException {
        long deadline = System.nanoTime() + IN_FLIGHT.toNanos();
        while (true) {
            try {
                return engine.createContainer(spec);
            } catch (ComposeException e) {
                if (!nameTaken(e) || spec.name() == null || System.nanoTime() > deadline) {
                    throw e;
                }
                ContainerInfo holder;
                try {
                    holder = engine.inspectContainer(spec.name());
                } catch (RuntimeException inspect) {
                    if (!EngineErrors.isNotFound(inspect)) {
                        throw e;
                    }
                    Thread.sleep(POLL); // the name is reserved by a create still under way
                    continue;
                }
                if (!sameSlot(holder, spec)) {
                    throw e;
                }
                try {
                    engine.removeContainer(holder.id(), true, false);
                } catch (RuntimeException gone) {
                    if (!EngineErrors.isNotFound(gone)) {
                        throw gone;
                    }
                }
            }
        }
    }

    /** dockerd (and our engine) say: The container name "/x" is already in use by container "id". */
    private static boolean nameTaken(ComposeException e) {
        return e.kind() == ComposeException.Kind.CONFLICT && String.valueOf(e.getMessage())
                .contains("is already in use by container");
    }

    static boolean sameSlot(ContainerInfo holder, ContainerSpec spec) {
        for (String label : SLOT) {
            if (!Objects.equals(holder.config().labels().get(label), spec.labels().get(label))) {
                return false;
            }
        }
        return spec.labels().get(Labels.PROJECT) != null;
    }
}
