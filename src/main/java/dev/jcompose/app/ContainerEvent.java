package dev.jcompose.app;

import java.util.Map;

/**
 * A change of one of the project's containers, as the monitor reports it (compose's api.ContainerEvent).
 *
 * @param source     how logs name the container ("web-1")
 * @param restarting for EXITED: the restart policy brings it back; for STARTED: it came back after an exit
 * @param labels     the event's attributes: the container's labels plus name, image, exitCode
 */
public record ContainerEvent(Type type, String id, String name, String source, String service, int exitCode,
        boolean restarting, Map<String, String> labels) {
    public enum Type { CREATED, RECREATED, STARTED, RESTARTED, EXITED }

    public ContainerEvent {
        labels = Map.copyOf(labels);
    }
}
