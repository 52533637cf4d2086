package dev.jcompose.engine;

import java.time.Instant;
import java.util.Map;

/**
 * An engine event as Docker reports it: type container/network/volume/image, action create/start/die/...
 * (health events read "health_status: healthy"), the actor id and its attributes (for containers: name,
 * image, every label, exitCode on die).
 */
public record EngineEvent(String type, String action, String actorId, Map<String, String> attributes, Instant time) {
    public EngineEvent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The actor's name attribute (container, network or volume name), or null. */
    public String actorName() {
        return attributes.get("name");
    }
}
