package dev.jcompose.model;

import java.util.Map;

/** A top-level named volume; {@code name} is the engine-side name (project_key unless name:/external). */
public record Volume(String key, String name, String driver, Map<String, String> driverOpts, boolean external,
        Map<String, String> labels) {
    public Volume {
        driverOpts = driverOpts == null ? Map.of() : Map.copyOf(driverOpts);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
