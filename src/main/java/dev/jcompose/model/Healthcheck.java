package dev.jcompose.model;

import java.time.Duration;
import java.util.List;

/** healthcheck; test is the Docker form (["CMD", ...], ["CMD-SHELL", "..."], ["NONE"]). */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, Integer retries,
        Duration startPeriod, Duration startInterval, boolean disable) {
    public Healthcheck {
        test = test == null ? List.of() : List.copyOf(test);
    }
}
