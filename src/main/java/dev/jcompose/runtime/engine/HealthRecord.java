package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** Docker's State.Health: status (starting, healthy, unhealthy), failing streak and the last five probes. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthRecord(
        @JsonProperty("Status") String status,
        @JsonProperty("FailingStreak") int failingStreak,
        @JsonProperty("Log") List<Probe> log) {
    public static final String STARTING = "starting";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    /** Docker keeps this many results. */
    public static final int LOG_SIZE = 5;

    public HealthRecord {
        log = log == null ? List.of() : List.copyOf(log);
    }

    public static HealthRecord starting() {
        return new HealthRecord(STARTING, 0, List.of());
    }

    /** One probe: start and end (RFC 3339), exit code (-1 when it timed out or could not run) and output. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Probe(@JsonProperty("Start") String start, @JsonProperty("End") String end,
            @JsonProperty("ExitCode") int exitCode, @JsonProperty("Output") String output) {
    }

    /**
     * Docker's rules: success makes it healthy and resets the streak; a failure inside the start period changes
     * nothing but the log; otherwise the streak grows and reaching {@code retries} makes it unhealthy.
     */
    public HealthRecord after(Probe probe, boolean inStartPeriod, int retries) {
        List<Probe> newLog = new ArrayList<>(log);
        newLog.add(probe);
        while (newLog.size() > LOG_SIZE) {
            newLog.remove(0);
        }
        if (probe.exitCode() == 0) {
            return new HealthRecord(HEALTHY, 0, newLog);
        }
        if (inStartPeriod) {
            return new HealthRecord(status, failingStreak, newLog);
        }
        int streak = failingStreak + 1;
        return new HealthRecord(streak >= retries ? UNHEALTHY : status, streak, newLog);
    }
}
