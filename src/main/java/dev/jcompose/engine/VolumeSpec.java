package dev.jcompose.engine;

import java.util.Map;

/** A volume to create; name null = anonymous (the engine picks a 64-hex name). driver null = "local". */
public record VolumeSpec(String name, String driver, Map<String, String> labels, Map<String, String> options) {
    public VolumeSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static VolumeSpec of(String name, Map<String, String> labels) {
        return new VolumeSpec(name, null, labels, null);
    }
}
