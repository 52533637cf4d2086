package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A container's state as Docker reports it. {@code status} is one of created, running, paused, restarting,
 * removing, exited, dead; times are RFC 3339 (null = never). Immutable: transitions return a new record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StateRecord(
        @JsonProperty("Status") String status,
        @JsonProperty("Pid") int pid,
        @JsonProperty("ExitCode") int exitCode,
        @JsonProperty("Error") String error,
        @JsonProperty("OOMKilled") boolean oomKilled,
        @JsonProperty("StartedAt") String startedAt,
        @JsonProperty("FinishedAt") String finishedAt,
        @JsonProperty("Health") HealthRecord health) {

    public static final String CREATED = "created";
    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String RESTARTING = "restarting";
    public static final String EXITED = "exited";
    public static final String DEAD = "dead";
    /** Persisted before a removal releases anything: a crash mid-removal is then seen, as dockerd sees it. */
    public static final String REMOVING = "removing";

    public static StateRecord created() {
        return new StateRecord(CREATED, 0, 0, "", false, null, null, null);
    }

    /** Docker's State.Running: true while running, paused or waiting to restart. */
    public boolean running() {
        return RUNNING.equals(status) || PAUSED.equals(status) || RESTARTING.equals(status);
    }

    /** A process exists (running or paused); a restarting container has none. */
    public boolean hasProcess() {
        return RUNNING.equals(status) || PAUSED.equals(status);
    }

    /** Being removed, or a removal was cut short (dead): dockerd refuses to start either. */
    public boolean markedForRemoval() {
        return REMOVING.equals(status) || DEAD.equals(status);
    }

    public boolean paused() {
        return PAUSED.equals(status);
    }

    public StateRecord started(int newPid, Instant at, boolean withHealth) {
        return new StateRecord(RUNNING, newPid, 0, "", false, at.toString(), finishedAt,
                withHealth ? HealthRecord.starting() : null);
    }

    public StateRecord exited(int code, boolean oom, Instant at, String message) {
        return new StateRecord(EXITED, 0, code, message == null ? "" : message, oom, startedAt, at.toString(),
                health == null ? null : new HealthRecord(HealthRecord.UNHEALTHY, health.failingStreak(), health.log()));
    }

    /** A start that failed: Docker keeps the error and exit code 128 (127 for a missing command). */
    public StateRecord failedToStart(int code, String message, Instant at) {
        return new StateRecord(status.equals(CREATED) ? CREATED : EXITED, 0, code, message, false, startedAt,
                at.toString(), null);
    }

    public StateRecord withStatus(String newStatus) {
        return new StateRecord(newStatus, RESTARTING.equals(newStatus) ? 0 : pid, exitCode, error, oomKilled,
                startedAt, finishedAt, health);
    }

    /** Dead: what a removal cut short leaves; only removal is allowed, and {@code error} says why. */
    public StateRecord dead(String message) {
        return new StateRecord(DEAD, 0, exitCode, message, oomKilled, startedAt, finishedAt, null);
    }

    public StateRecord withHealth(HealthRecord h) {
        return new StateRecord(status, pid, exitCode, error, oomKilled, startedAt, finishedAt, h);
    }

    public StateRecord withPid(int newPid) {
        return new StateRecord(status, newPid, exitCode, error, oomKilled, startedAt, finishedAt, health);
    }
}
