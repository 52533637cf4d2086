package dev.jcompose.load.validate;

import dev.jcompose.load.tree.MapNode;

/**
 * Validates a merged compose tree against jcompose's JSON schema (schema/compose-spec.json, packaged in the jar
 * as /schema/compose-spec.json). The first problem worth reporting becomes one CONFIG error such as
 * {@code compose.yaml:3:5 services.web: additional properties 'imgae' not allowed (did you mean 'image'?)}.
 */
public final class SchemaValidator {
    /** Where the schema lives on the classpath. */
    public static final String RESOURCE = "/schema/compose-spec.json";

    private SchemaValidator() {
    }

    public static void validate(MapNode root) {
        Holder.SCHEMA.validate(root);
    }

    /** Compiled on first use, once per JVM (class initialisation is thread-safe). */
    private static final class Holder {
        static final ComposeSchema SCHEMA = ComposeSchema.fromClasspath(RESOURCE);
    }
}
