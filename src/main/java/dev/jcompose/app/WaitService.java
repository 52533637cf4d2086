package dev.jcompose.app;

import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.error.ComposeException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * `wait`: blocks until the running containers of the given services (one-off ones included) exit, reporting each
 * exit as it happens. The result is the exit code of the first container to exit.
 */
public final class WaitService {
    /** One container that exited. */
    public record Exit(String containerId, String name, int code) {
    }

    private final Engine engine;
    private final ServiceContainers containers;

    public WaitService(Engine engine, String projectName) {
        this.engine = engine;
        this.containers = new ServiceContainers(engine, projectName);
    }

    /**
     * @param untilFirst return as soon as one container exits (--down-project), instead of when all have
     * @return the first container's exit code
     */
    public int await(List<String> services, boolean untilFirst, Consumer<Exit> onExit) {
        List<ContainerSummary> running = containers.list(ServiceContainers.OneOff.INCLUDE, false, services);
        if (running.isEmpty()) {
            throw new ComposeException(ComposeException.Kind.NOT_FOUND, "no containers for project \""
                    + containers.project() + "\"");
        }
        // Not closed with try-with-resources: close() would wait for the waits still blocked in the engine.
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            ExecutorCompletionService<Exit> exits = new ExecutorCompletionService<>(pool);
            for (ContainerSummary c : running) {
                exits.submit(() -> new Exit(c.id(), c.name(), engine.waitContainer(c.id())));
            }
            Integer first = null;
            for (int i = 0; i < running.size(); i++) {
                Exit exit = exits.take().get();
                onExit.accept(exit);
                if (first == null) {
                    first = exit.code();
                    if (untilFirst) {
                        break;
                    }
                }
            }
            return first;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "wait interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re
                    : new ComposeException(ComposeException.Kind.ENGINE, String.valueOf(e.getCause()), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
