package dev.jcompose.state;

import java.util.Map;
import java.util.TreeMap;

/** A volume as the engine reports it; {@code key} is the compose volume key label (null if not compose's). */
public record ObservedVolume(String name, String driver, Map<String, String> labels) {
    public ObservedVolume {
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public String project() {
        return labels.get(Labels.PROJECT);
    }

    public String key() {
        return labels.get(Labels.VOLUME);
    }

    public String configHash() {
        return labels.getOrDefault(Labels.CONFIG_HASH, "");
    }
}
