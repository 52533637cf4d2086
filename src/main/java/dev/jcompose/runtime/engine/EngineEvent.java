package dev.jcompose.runtime.engine;

import java.time.Instant;
import java.util.Map;

/**
 * One event as Docker's /events reports it: type (container, volume...), action ("start", "die",
 * "health_status: healthy"...), the actor's id and attributes (name, image, labels, exitCode...), and the time.
 *
 * @param from the image of a container event (Docker's legacy "from"), null otherwise
 */
public record EngineEvent(String type, String action, String actorId, Map<String, String> attributes, String from,
        Instant time) {
    public EngineEvent {
        attributes = Map.copyOf(attributes);
    }
}
