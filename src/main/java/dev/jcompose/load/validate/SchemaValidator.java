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
        java.util.Optional<ValidTrees> cache = Cache.TREES;
        if (cache.isPresent() && cache.get().known(root)) {
            return;
        }
        Holder.SCHEMA.validate(root); // throws when invalid: only valid trees are remembered
        cache.ifPresent(c -> c.remember(root));
    }

    /** The user's cache of valid trees: looked up before the (costly) schema is compiled. */
    private static final class Cache {
        static final java.util.Optional<ValidTrees> TREES = ValidTrees.forUser(RESOURCE);
    }

    /** Compiled on first use, once per JVM (class initialisation is thread-safe). */
    private static final class Holder {
        static final ComposeSchema SCHEMA = ComposeSchema.fromClasspath(RESOURCE);
    }
}
