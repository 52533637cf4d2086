package dev.jcompose.load.validate;

import dev.jcompose.load.tree.MapNode;

/** Validates a merged compose tree against jcompose's JSON schema (schema/compose-spec.json in the jar). */
public final class SchemaValidator {
    private SchemaValidator() {
    }

    public static void validate(MapNode root) {
        throw new UnsupportedOperationException("not yet implemented: schema validation");
    }
}
