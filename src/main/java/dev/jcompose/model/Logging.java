package dev.jcompose.model;

import java.util.Map;

/** logging: driver and options. */
public record Logging(String driver, Map<String, String> options) {
    public Logging {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
