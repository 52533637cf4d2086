package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.container.ConmonAttach;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The interactive side of a container (docker run -it, docker attach): its stdin, which conmon holds open when
 * the container was created with OpenStdin and takes from attach clients, and its TTY's size.
 */
public final class ContainerStdio {
    private static final long CONNECT_PATIENCE_MS = 2000;

    private final EngineContext ctx;

    ContainerStdio(EngineContext ctx) {
        this.ctx = ctx;
    }

    /** Whether the container was created with OpenStdin (docker run -i): only then is there a stdin to feed. */
    public boolean hasStdin(String ref) {
        return DockerJson.bool(ctx.store.get(ref).config(), "OpenStdin");
    }

    /**
     * A connection to the container's stdin, waiting until it has one: attach usually comes before start, and
     * conmon's socket exists from runtime create on. Empty when the container is removed, has no stdin, runs
     * without conmon, or the calling thread is interrupted (the attach ended).
     */
    public Optional<ConmonAttach> awaitStdin(String id) {
        long pause = 1;
        while (!Thread.currentThread().isInterrupted()) {
            Optional<ContainerRecord> r = ctx.store.byId(id);
            if (r.isEmpty() || !DockerJson.bool(r.get().config(), "OpenStdin")) {
                return Optional.empty();
            }
            Optional<Path> socket = socket(id);
            if (socket.isPresent()) {
                try {
                    return Optional.of(ConmonAttach.connect(socket.get(), CONNECT_PATIENCE_MS));
                } catch (IOException e) {
                    // conmon went away with its run: wait for the next one
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return Optional.empty();
            }
            pause = Math.min(pause * 2, 20);
        }
        return Optional.empty();
    }

    private Optional<Path> socket(String id) {
        try {
            return ctx.runtime.attachSocket(id);
        } catch (RuntimeException e) {
            return Optional.empty(); // no bundle: not created in the runtime (yet)
        }
    }

    /** POST /containers/{id}/resize: the TTY of a running container; a no-op without one, as for dockerd. */
    public void resize(String ref, int rows, int columns) {
        ContainerRecord r = ctx.store.get(ref);
        if (!r.state().hasProcess()) {
            throw RuntimeError.conflict("Container " + r.id() + " is not running");
        }
        if (!r.tty()) {
            return;
        }
        try {
            ctx.runtime.resize(r.id(), rows, columns);
        } catch (IOException e) {
            throw RuntimeError.conflict("cannot resize the TTY of " + r.id() + ": " + e.getMessage());
        }
    }
}
