package dev.jcompose.plan;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One step of a plan: what to do ({@code type}), to which resource ({@code resource}: {@code service:web:1},
 * {@code network:default}, {@code volume:data}, {@code container:<name>}, {@code image:<ref>}) and why
 * ({@code cause}). The other fields carry what the executor needs and are null / 0 / empty when they do not apply.
 *
 * @param name          engine-side name the step creates or acts on: container name (the temporary name when a
 *                      recreate creates the replacement, the final name for a rename), network, volume or image name
 * @param service       service of a container step
 * @param number        replica number of a container step (0 for one-off containers and non-container steps)
 * @param key           compose key of a network or volume step (for connect/disconnect: the network's key)
 * @param containerId   existing container acted on; null when the container is created by the plan itself
 * @param subjectNode   for steps on a container the plan creates (start, rename): the id of the node creating it
 * @param inheritFrom   create as replacement: id of the old container whose anonymous volumes the new one reuses
 * @param labels        compose labels to put on the created container, network or volume
 * @param bestEffort    failure is a warning, not an error (removal of a network left behind by a rename)
 * @param removeVolumes remove the container's anonymous volumes with it ({@code down -v}, {@code rm -v})
 */
public record Operation(
        OperationType type,
        String resource,
        String cause,
        String name,
        String service,
        int number,
        String key,
        String containerId,
        Integer subjectNode,
        String inheritFrom,
        Map<String, String> labels,
        boolean bestEffort,
        boolean removeVolumes) {

    public Operation {
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    static Operation of(OperationType type, String resource, String cause, String name) {
        return new Operation(type, resource, cause, name, null, 0, null, null, null, null, null, false, false);
    }

    Operation withService(String newService, int newNumber) {
        return new Operation(type, resource, cause, name, newService, newNumber, key, containerId, subjectNode,
                inheritFrom, labels, bestEffort, removeVolumes);
    }

    Operation withKey(String newKey) {
        return new Operation(type, resource, cause, name, service, number, newKey, containerId, subjectNode,
                inheritFrom, labels, bestEffort, removeVolumes);
    }

    Operation withContainer(String id) {
        return new Operation(type, resource, cause, name, service, number, key, id, subjectNode, inheritFrom,
                labels, bestEffort, removeVolumes);
    }

    Operation withSubject(int nodeId) {
        return new Operation(type, resource, cause, name, service, number, key, containerId, nodeId, inheritFrom,
                labels, bestEffort, removeVolumes);
    }

    Operation withInheritFrom(String id) {
        return new Operation(type, resource, cause, name, service, number, key, containerId, subjectNode, id,
                labels, bestEffort, removeVolumes);
    }

    Operation withLabels(SortedMap<String, String> newLabels) {
        return new Operation(type, resource, cause, name, service, number, key, containerId, subjectNode,
                inheritFrom, newLabels, bestEffort, removeVolumes);
    }

    Operation asBestEffort() {
        return new Operation(type, resource, cause, name, service, number, key, containerId, subjectNode,
                inheritFrom, labels, true, removeVolumes);
    }

    Operation withRemoveVolumes(boolean remove) {
        return new Operation(type, resource, cause, name, service, number, key, containerId, subjectNode,
                inheritFrom, labels, bestEffort, remove);
    }
}
