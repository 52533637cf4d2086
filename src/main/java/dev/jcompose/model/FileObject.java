package dev.jcompose.model;

import java.util.Map;

/**
 * A top-level secret or config: exactly one of file (absolute path), environment (variable name), content, or
 * external.
 */
public record FileObject(String key, String name, String file, String environment, String content,
        boolean external, Map<String, String> labels) {
    public FileObject {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
