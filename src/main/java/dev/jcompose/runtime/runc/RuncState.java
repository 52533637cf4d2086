package dev.jcompose.runtime.runc;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;

/** What {@code runc state} / {@code runc list} report for one container. */
public record RuncState(String id, int pid, Status status, Path bundle, Instant created) {
    /** runc's statuses; {@code STOPPED} means PID 1 is gone (runc delete removes the rest). */
    public enum Status {
        CREATING, CREATED, RUNNING, PAUSING, PAUSED, STOPPED, UNKNOWN;

        static Status parse(String text) {
            for (Status s : values()) {
                if (s.name().equalsIgnoreCase(text)) {
                    return s;
                }
            }
            return UNKNOWN;
        }
    }

    static RuncState fromJson(JsonNode node) {
        String created = node.path("created").asText("");
        Instant when;
        try {
            when = created.isEmpty() ? Instant.EPOCH : Instant.parse(created);
        } catch (java.time.format.DateTimeParseException e) {
            when = Instant.EPOCH;
        }
        return new RuncState(node.path("id").asText(), node.path("pid").asInt(),
                Status.parse(node.path("status").asText()), Path.of(node.path("bundle").asText("/")), when);
    }

    /** Running or paused: PID 1 still exists. */
    public boolean isAlive() {
        return status == Status.RUNNING || status == Status.PAUSED || status == Status.PAUSING
                || status == Status.CREATED;
    }
}
