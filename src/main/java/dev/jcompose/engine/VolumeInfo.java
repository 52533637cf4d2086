package dev.jcompose.engine;

import java.time.Instant;
import java.util.Map;

/** A volume as inspected. */
public record VolumeInfo(String name, String driver, String mountpoint, Map<String, String> labels,
        Map<String, String> options, String scope, Instant created) {
    public VolumeInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
