package dev.jcompose.engine;

import java.util.Locale;

/** State.Health.Status; NONE when the container has no healthcheck. */
public enum HealthStatus {
    NONE, STARTING, HEALTHY, UNHEALTHY;

    public String wireName() {
        return this == NONE ? "" : name().toLowerCase(Locale.ROOT);
    }

    public static HealthStatus parse(String wireName) {
        if (wireName == null || wireName.isEmpty() || wireName.equals("none")) {
            return NONE;
        }
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
