package dev.jcompose.cli;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.HealthStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Docker's State.String(), the STATUS column, for engines whose container list gives no status text: "Up 3
 * seconds (healthy)", "Up 2 minutes (health: starting)", "Exited (0) 2 minutes ago", "Created".
 */
final class DockerStatus {
    private DockerStatus() {
    }

    static String of(ContainerInfo.Status s, Instant now) {
        switch (s.state()) {
            case PAUSED -> {
                return "Up " + since(s.startedAt(), now) + " (Paused)";
            }
            case RESTARTING -> {
                return "Restarting (" + s.exitCode() + ") " + since(s.finishedAt(), now) + " ago";
            }
            case RUNNING -> {
                HealthStatus h = s.health();
                String health = h == null || h == HealthStatus.NONE ? ""
                        : h == HealthStatus.STARTING ? " (health: starting)" : " (" + h.wireName() + ")";
                return "Up " + since(s.startedAt(), now) + health;
            }
            case REMOVING -> {
                return "Removal In Progress";
            }
            case DEAD -> {
                return "Dead";
            }
            default -> {
                if (s.startedAt() == null || s.startedAt().equals(Instant.EPOCH)) {
                    return "Created";
                }
                if (s.finishedAt() == null) {
                    return "";
                }
                return "Exited (" + s.exitCode() + ") " + since(s.finishedAt(), now) + " ago";
            }
        }
    }

    private static String since(Instant then, Instant now) {
        return GoFormat.humanDuration(then == null ? Duration.ZERO : Duration.between(then, now));
    }
}
