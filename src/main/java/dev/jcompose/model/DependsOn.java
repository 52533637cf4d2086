package dev.jcompose.model;

/** depends_on long syntax; condition is service_started, service_healthy or service_completed_successfully. */
public record DependsOn(String condition, boolean restart, boolean required) {
    public static final String STARTED = "service_started";
    public static final String HEALTHY = "service_healthy";
    public static final String COMPLETED = "service_completed_successfully";
}
