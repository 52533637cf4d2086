package dev.jcompose.state;

import java.util.Map;
import java.util.TreeMap;

/**
 * A network as the engine reports it. {@code key} is the compose network key from the
 * {@code com.docker.compose.network} label (null for networks compose did not create, e.g. external ones).
 */
public record ObservedNetwork(String id, String name, Map<String, String> labels) {
    public ObservedNetwork {
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public String project() {
        return labels.get(Labels.PROJECT);
    }

    public String key() {
        return labels.get(Labels.NETWORK);
    }

    /** Empty when the network carries no hash (created by an older compose or by hand): never "diverged". */
    public String configHash() {
        return labels.getOrDefault(Labels.CONFIG_HASH, "");
    }
}
