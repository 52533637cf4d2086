package dev.jcompose.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Names, labels and cleanup for engine tests. Every resource is named "jct-RUN-..." and labelled with
 * dev.jcompose.test=1 and this run's id, so cleanup removes exactly what this run created — never anything
 * of other tests sharing the daemon.
 */
public final class EngineFixture {
    public static final String TEST_LABEL = "dev.jcompose.test";
    public static final String RUN_LABEL = "dev.jcompose.test.run";
    public static final String BUSYBOX = "jcompose/busybox:latest";

    private final Engine engine;
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    private int counter;

    public EngineFixture(Engine engine) {
        this.engine = engine;
    }

    public String run() {
        return run;
    }

    /** A fresh resource name: jct-RUN-SUFFIX-N. */
    public synchronized String name(String suffix) {
        return "jct-" + run + "-" + suffix + "-" + (++counter);
    }

    public Map<String, String> labels() {
        return Map.of(TEST_LABEL, "1", RUN_LABEL, run);
    }

    public String runFilter() {
        return RUN_LABEL + "=" + run;
    }

    /** A busybox container spec carrying this run's labels. */
    public ContainerSpecBuilder container(String name, String... cmd) {
        ContainerSpecBuilder builder = ContainerSpec.builder(name, BUSYBOX).labels(labels());
        return cmd.length == 0 ? builder : builder.cmd(cmd);
    }

    public NetworkSpec network(String name) {
        return NetworkSpec.of(name, labels());
    }

    /** Removes this run's containers, then networks, volumes and image tags; collects failures, throws last. */
    public void cleanup() {
        List<RuntimeException> failures = new ArrayList<>();
        List<String> filter = List.of(runFilter());
        attempt(failures, () -> engine.listContainers(filter, true)
                .forEach(c -> attempt(failures, () -> engine.removeContainer(c.id(), true, true))));
        attempt(failures, () -> engine.listNetworks(filter)
                .forEach(n -> attempt(failures, () -> engine.removeNetwork(n.id()))));
        attempt(failures, () -> engine.listVolumes(filter)
                .forEach(v -> attempt(failures, () -> engine.removeVolume(v.name(), true))));
        attempt(failures, () -> engine.listImages("jct-" + run + "/*").forEach(i -> i.repoTags().stream()
                .filter(t -> t.startsWith("jct-" + run + "/"))
                .forEach(t -> attempt(failures, () -> engine.removeImage(t, false)))));
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            if (!EngineErrors.isNotFound(e)) {
                failures.add(e);
            }
        }
    }

    /** Polls until the condition holds; false on timeout. For states the engine reaches asynchronously. */
    public static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
