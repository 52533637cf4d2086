package dev.jcompose.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Prints plain trees (maps, lists, scalars) as YAML or JSON in the order of their keys: the canonical tree is
 * already in compose's order (struct fields as compose-go declares them, map keys sorted), so output is
 * deterministic. YAML is block style with strings quoted only when a YAML reader would otherwise take them for
 * something else — including YAML 1.1 readers (docker-compose v1, go-yaml), which read yes/no/on/off as booleans.
 */
final class TreePrinter {
    private TreePrinter() {
    }

    static String yaml(Object tree) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setSplitLines(false)
                .setWidth(Integer.MAX_VALUE)
                .setDereferenceAliases(true)
                .setSchema(new QuotingSchema())
                .build();
        return new Dump(settings).dumpToString(tree);
    }

    static String json(Object tree) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
        try {
            return new ObjectMapper().writer(printer).writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plain tree always serialises", e);
        }
    }

    /** The core schema, plus: strings a YAML 1.1 reader would not read back as strings are quoted. */
    private static final class QuotingSchema implements Schema {
        private static final Set<String> YAML11_SCALARS = Set.of("y", "n", "yes", "no", "on", "off");
        private static final Pattern YAML11_NUMBER = Pattern.compile(
                "[-+]?(0b[01_]+|0[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])+"
                        + "|[0-9_]*\\.[0-9_]*([eE][-+]?[0-9]+)?|[0-9][0-9_]+)");
        private final CoreSchema core = new CoreSchema();
        /** Built once: the core schema compiles its regexes anew on every call, once per scalar printed. */
        private final ScalarResolver resolver = quoting(core.getScalarResolver());

        @Override
        public ScalarResolver getScalarResolver() {
            return resolver;
        }

        private static ScalarResolver quoting(ScalarResolver resolver) {
            return (value, implicit) -> {
                Tag tag = resolver.resolve(value, implicit);
                if (tag.equals(Tag.STR) && implicit && (YAML11_SCALARS.contains(value.toLowerCase())
                        || YAML11_NUMBER.matcher(value).matches() && !value.equals("."))) {
                    return Tag.BOOL; // anything but str makes the emitter quote the string
                }
                return tag;
            };
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return core.getSchemaTagConstructors();
        }
    }
}
