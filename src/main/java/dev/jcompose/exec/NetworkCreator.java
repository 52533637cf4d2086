package dev.jcompose.exec;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.NetworkInfo;
import dev.jcompose.engine.NetworkSpec;
import dev.jcompose.error.ComposeException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Creates a planned network. As with containers ({@link ContainerCreator}), a CLI killed while its create request
 * was in flight leaves the engine to finish it after the next run observed, which then meets "network with name
 * … already exists". When the network holding the name carries every label this run would give it (project,
 * network, config hash…), it is that interrupted run's network, identical to the one planned: it is kept as
 * created. A network of that name with other labels stays the user's conflict.
 */
final class NetworkCreator {
    /** How long a name may be held by a create the engine has not finished yet (inspect still says 404). */
    private static final Duration IN_FLIGHT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Engine engine;

    NetworkCreator(Engine engine) {
        this.engine = engine;
    }

    void create(NetworkSpec spec) throws InterruptedException {
        try {
            engine.createNetwork(spec);
        } catch (ComposeException e) {
            if (e.kind() != ComposeException.Kind.CONFLICT || !String.valueOf(e.getMessage()).contains("already exists")) {
                throw e;
            }
            NetworkInfo holder = holder(spec.name(), e);
            if (!sameLabels(holder.labels(), spec.labels())) {
                throw e;
            }
        }
    }

    private NetworkInfo holder(String name, ComposeException conflict) throws InterruptedException {
        long deadline = System.nanoTime() + IN_FLIGHT.toNanos();
        while (true) {
            try {
                return engine.inspectNetwork(name);
            } catch (RuntimeException inspect) {
                if (!EngineErrors.isNotFound(inspect) || System.nanoTime() > deadline) {
                    throw conflict;
                }
                Thread.sleep(POLL);
            }
        }
    }

    static boolean sameLabels(Map<String, String> holder, Map<String, String> wanted) {
        if (wanted.isEmpty()) {
            return false; // nothing says it is ours
        }
        return wanted.entrySet().stream().allMatch(w -> Objects.equals(holder.get(w.getKey()), w.getValue()));
    }
}
