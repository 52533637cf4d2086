package dev.jcompose.load.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.jcompose.load.tree.MapNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A compiled JSON schema (draft 2020-12) for compose trees. Compiling costs far more than validating, so an
 * instance is built once and shared; validation keeps no state between calls and is safe from many threads.
 */
final class ComposeSchema {
    private final JsonNode raw;
    private final JsonSchema compiled;

    private ComposeSchema(JsonNode raw) {
        this.raw = raw;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(false)
                .build();
        this.compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(raw, config);
        // Resolve every $ref now: lazy resolution on first use would race between threads.
        compiled.initializeValidators();
    }

    static ComposeSchema parse(String json) {
        try {
            return new ComposeSchema(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComposeSchema fromClasspath(String resource) {
        try (InputStream in = ComposeSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " (is schema/ packaged in the jar?)");
            }
            return new ComposeSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema document itself (tests read it, errors read its property names and hints). */
    JsonNode raw() {
        return raw;
    }

    /** Every violation of the tree, resolved to nodes; empty when the tree is valid. */
    List<Violation> violations(MapNode root) {
        Set<ValidationMessage> messages = compiled.validate(TreeJson.of(root));
        List<Violation> out = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            Violation v = Violation.of(m, root, raw);
            // The validator applies uniqueItems to the values of a mapping too (two null values of an
            // environment map are "duplicates"); the keyword only means something for lists.
            if ("uniqueItems".equals(v.keyword()) && v.node() instanceof dev.jcompose.load.tree.MapNode) {
                continue;
            }
            out.add(v);
        }
        return out;
    }

    /** Throws one CONFIG error naming file:line:col and key path of the most useful violation. */
    void validate(MapNode root) {
        List<Violation> found = violations(root);
        if (!found.isEmpty()) {
            throw ViolationText.toException(ViolationPicker.pick(found, root));
        }
    }
}
