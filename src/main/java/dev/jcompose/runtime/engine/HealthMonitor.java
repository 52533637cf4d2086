package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a container's healthcheck while it runs: every interval (the first one after one interval, as Docker
 * does) a probe through runc exec, its result handed to the engine, which keeps State.Health. One virtual
 * thread per checked container; {@link #stop} ends it.
 */
final class HealthMonitor implements AutoCloseable {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_RETRIES = 3;

    /** A healthcheck ready to run: the command as argv (CMD-SHELL wrapped in /bin/sh -c). */
    record Spec(List<String> command, Duration interval, Duration timeout, Duration startPeriod, int retries) {
        /** Empty for no healthcheck or Test ["NONE"]. */
        static Optional<Spec> of(JsonNode healthcheck) {
            List<String> test = DockerJson.stringsOrEmpty(healthcheck, "Test");
            if (test.isEmpty() || test.get(0).equals("NONE")) {
                return Optional.empty();
            }
            List<String> command = switch (test.get(0)) {
                case "CMD" -> test.subList(1, test.size());
                case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
                default -> test; // an old client's bare command
            };
            if (command.isEmpty()) {
                return Optional.empty();
            }
            Long retries = DockerJson.longOrNull(healthcheck, "Retries");
            return Optional.of(new Spec(List.copyOf(command), nanos(healthcheck, "Interval", DEFAULT_INTERVAL),
                    nanos(healthcheck, "Timeout", DEFAULT_TIMEOUT), nanos(healthcheck, "StartPeriod", Duration.ZERO),
                    retries == null || retries <= 0 ? DEFAULT_RETRIES : retries.intValue()));
        }

        private static Duration nanos(JsonNode h, String field, Duration fallback) {
            Long v = DockerJson.longOrNull(h, field);
            return v == null || v <= 0 ? fallback : Duration.ofNanos(v);
        }
    }

    interface ProbeRunner {
        HealthRecord.Probe run(String id, List<String> command, Duration timeout);
    }

    interface ResultSink {
        void accept(String id, String startedAt, HealthRecord.Probe probe, boolean inStartPeriod, int retries);
    }

    private final Clock clock;
    private final ProbeRunner runner;
    private final ResultSink sink;
    private final Map<String, Thread> running = new ConcurrentHashMap<>();

    HealthMonitor(Clock clock, ProbeRunner runner, ResultSink sink) {
        this.clock = clock;
        this.runner = runner;
        this.sink = sink;
    }

    /** Starts checking the container started at {@code startedAt}; replaces a previous loop. */
    void start(String id, Spec spec, String startedAt) {
        stop(id);
        Instant started = Instant.parse(startedAt);
        Thread t = Thread.ofVirtual().name("health-" + id.substring(0, 12)).unstarted(() -> loop(id, spec, startedAt,
                started));
        running.put(id, t);
        t.start();
    }

    private void loop(String id, Spec spec, String startedAt, Instant started) {
        try {
            while (running.get(id) == Thread.currentThread()) {
                Thread.sleep(spec.interval());
                if (running.get(id) != Thread.currentThread()) {
                    return;
                }
                HealthRecord.Probe probe = runner.run(id, spec.command(), spec.timeout());
                boolean inStart = Duration.between(started, clock.instant()).compareTo(spec.startPeriod()) < 0;
                if (running.get(id) == Thread.currentThread()) {
                    sink.accept(id, startedAt, probe, inStart, spec.retries());
                }
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (RuntimeException e) {
            System.getLogger(HealthMonitor.class.getName()).log(System.Logger.Level.WARNING,
                    "healthcheck of " + id + " stopped: " + e.getMessage(), e);
        }
    }

    void stop(String id) {
        Thread t = running.remove(id);
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    @Override
    public void close() {
        new ArrayList<>(running.keySet()).forEach(this::stop);
    }
}
