package dev.jcompose.runtime.container;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.runc.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mean of 10 for create, start, stop and delete, with and without conmon; written to
 * target/runtime-timings-<monitor>.txt (copied into docs/runtime-notes.md). Bounds are loose: a regression
 * guard, not a benchmark.
 */
@Tag("root")
class RuntimeTimingTest {
    private static final int RUNS = 10;

    @ParameterizedTest(name = "conmon={0}")
    @ValueSource(booleans = {true, false})
    void lifecycleTimings(boolean conmon) throws IOException {
        RuncTestBed.assumeHost();
        if (conmon && !RuncTestBed.hasConmon()) {
            return;
        }
        Map<String, Double> totals = new LinkedHashMap<>();
        try (RuncTestBed bed = new RuncTestBed(conmon)) {
            for (int i = 0; i < RUNS + 1; i++) { // the first run warms up the JVM and page cache: not counted
                String id = bed.newId();
                long t0 = System.nanoTime();
                bed.runtime.create(id, bed.config("sleep", "1000").build(), bed.logDir(id));
                long t1 = System.nanoTime();
                bed.runtime.start(id);
                long t2 = System.nanoTime();
                bed.runtime.stop(id, Signals.SIGTERM, Duration.ofSeconds(10));
                long t3 = System.nanoTime();
                bed.runtime.delete(id);
                long t4 = System.nanoTime();
                String trap = bed.run(bed.config("sh", "-c", "trap 'exit 0' TERM; echo ready; "
                        + "while true; do sleep 0.01; done").build());
                awaitReady(bed, trap); // before the trap is set, SIGTERM would be dropped (and SIGKILL sent)
                long t5 = System.nanoTime();
                bed.runtime.stop(trap, Signals.SIGTERM, Duration.ofSeconds(10));
                long t6 = System.nanoTime();
                bed.runtime.delete(trap);
                if (i > 0) {
                    add(totals, "create", t1 - t0);
                    add(totals, "start", t2 - t1);
                    add(totals, "stop (sleep, SIGKILL at once)", t3 - t2);
                    add(totals, "delete", t4 - t3);
                    add(totals, "stop (trap, graceful SIGTERM)", t6 - t5);
                }
            }
        }
        StringBuilder report = new StringBuilder("monitor=" + (conmon ? "conmon" : "direct") + ", mean of " + RUNS
                + " (ms)\n");
        totals.forEach((k, v) -> report.append(String.format("%-32s %7.1f%n", k, v / RUNS)));
        Files.writeString(Path.of("target", "runtime-timings-" + (conmon ? "conmon" : "direct") + ".txt"),
                report);
        assertTrue(totals.get("create") / RUNS < 2000, report.toString());
        assertTrue(totals.get("stop (sleep, SIGKILL at once)") / RUNS < 1000, report.toString());
    }

    private static void awaitReady(RuncTestBed bed, String id) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!ContainerLogs.text(ContainerLogs.read(bed.runtime.paths(id), bed.runtime.monitor().logFormat()))
                .contains("ready")) {
            assertTrue(System.nanoTime() < deadline, "container never got ready");
            Thread.onSpinWait();
        }
    }

    private static void add(Map<String, Double> totals, String key, long nanos) {
        totals.merge(key, nanos / 1e6, Double::sum);
    }
}
