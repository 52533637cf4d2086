package dev.jcompose.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A container as the engine reports it. Identity (project, service, number, one-off, config hash, image digest) is
 * read from its compose labels, never from its name: names change during a recreate, labels do not.
 *
 * @param networks attached networks, engine network name → network id
 * @param health   "healthy", "unhealthy", "starting" or null when the container has no healthcheck
 */
public record ObservedContainer(
        String id,
        String name,
        Map<String, String> labels,
        ContainerState state,
        int exitCode,
        String health,
        Map<String, String> networks,
        List<ObservedMount> mounts,
        Instant created) {

    public ObservedContainer {
        labels = sorted(labels);
        networks = sorted(networks);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        state = state == null ? ContainerState.CREATED : state;
        created = created == null ? Instant.EPOCH : created;
        name = name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    private static SortedMap<String, String> sorted(Map<String, String> m) {
        return m == null ? new TreeMap<>() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    public String project() {
        return labels.get(Labels.PROJECT);
    }

    public String service() {
        return labels.get(Labels.SERVICE);
    }

    /** The replica number, or -1 when the label is missing (one-off containers have none). */
    public int number() {
        return Labels.number(labels);
    }

    public boolean oneOff() {
        return Labels.isOneOff(labels);
    }

    public String configHash() {
        return labels.getOrDefault(Labels.CONFIG_HASH, "");
    }

    public String imageDigest() {
        return labels.getOrDefault(Labels.IMAGE, "");
    }

    public boolean isRunning() {
        return state == ContainerState.RUNNING;
    }

    /** Engine names of the named (and anonymous) volumes mounted. */
    public List<String> volumeNames() {
        return mounts.stream().filter(ObservedMount::isVolume).map(ObservedMount::name).toList();
    }

    /** The volume mounted at {@code target}, if any: how an anonymous volume is found again on recreate. */
    public Optional<ObservedMount> volumeAt(String target) {
        return mounts.stream().filter(m -> m.isVolume() && target.equals(m.target())).findFirst();
    }

    /** Resource id in plans: {@code service:web:1}, or {@code container:<name>} for one-off containers. */
    public String resourceId() {
        if (oneOff() || service() == null || number() < 1) {
            return "container:" + name;
        }
        return "service:" + service() + ":" + number();
    }
}
