package dev.jcompose.load.yaml;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Mark;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.NodeTag;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parses YAML 1.2 (core schema) into position-tracking {@link Node} trees. Handles anchors and aliases,
 * merge keys ({@code <<}), several documents per file and compose's {@code !reset}/{@code !override} tags;
 * rejects duplicate keys, alias bombs and oversized input with an error naming file:line:col.
 */
public final class YamlParser {
    /** Largest accepted input, in code points; a compose file is rarely above a few hundred KB. */
    public static final int MAX_CODE_POINTS = 64 * 1024 * 1024;
    /** Largest number of nodes one document may expand to once aliases are followed. */
    static final int MAX_EXPANDED_NODES = 5_000_000;
    static final int MAX_DEPTH = 500;

    private static final String RESET = "!reset";
    private static final String OVERRIDE = "!override";

    private YamlParser() {
    }

    /** Parses every document of the text; an empty file yields no document. */
    public static List<Node> parseAll(String fileLabel, String text) {
        if (text.length() > MAX_CODE_POINTS) {
            throw ComposeException.config(fileLabel + ": file is too large (" + text.length()
                    + " characters; at most " + MAX_CODE_POINTS + ")");
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileLabel)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true) // detected here, with the key's position
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(Integer.MAX_VALUE) // bounded below by expanded size instead
                .setCodePointLimit(MAX_CODE_POINTS)
                .setUseMarks(true)
                .build();
        List<Node> docs = new ArrayList<>();
        try {
            for (org.snakeyaml.engine.v2.nodes.Node doc : new Compose(settings).composeAllFromString(text)) {
                docs.add(new Converter(fileLabel).convert(doc, 0));
            }
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(fileLabel, e);
        } catch (YamlEngineException e) {
            throw ComposeException.config(fileLabel + ": invalid YAML: " + e.getMessage());
        }
        return docs;
    }

    /** Parses a file expected to hold one document; empty text gives an empty mapping. */
    public static Node parse(String fileLabel, String text) {
        List<Node> docs = parseAll(fileLabel, text);
        return docs.isEmpty() ? MapNode.empty(new Mark(fileLabel, 1, 1)) : docs.get(0);
    }

    private static ComposeException syntaxError(String file, MarkedYamlEngineException e) {
        Optional<org.snakeyaml.engine.v2.exceptions.Mark> pm = e.getProblemMark();
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        // An unterminated quote or bracket is found at the end of the file: point at where it was opened.
        if (problem.contains("end of stream") && e.getContextMark().isPresent()) {
            pm = e.getContextMark();
        }
        String where = pm.map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(file);
        StringBuilder msg = new StringBuilder(where).append(": invalid YAML: ");
        if (e.getContext() != null && !e.getContext().isBlank()) {
            msg.append(e.getContext()).append(", ");
        }
        msg.append(problem);
        if (problem.contains("'\\t'") || problem.contains("\\t(TAB)")) {
            msg.append(" (tabs are not allowed for indentation; use spaces)");
        }
        return ComposeException.config(msg.toString());
    }

    private static final class Converter {
        private final String file;
        private int expanded;
        /** Nodes on the current path: an alias back to one of them would recurse forever. */
        private final Map<org.snakeyaml.engine.v2.nodes.Node, Boolean> active = new IdentityHashMap<>();

        Converter(String file) {
            this.file = file;
        }

        Mark mark(org.snakeyaml.engine.v2.nodes.Node n) {
            return n.getStartMark().map(m -> new Mark(file, m.getLine() + 1, m.getColumn() + 1))
                    .orElse(new Mark(file, 0, 0));
        }

        Node convert(org.snakeyaml.engine.v2.nodes.Node n, int depth) {
            if (++expanded > MAX_EXPANDED_NODES) {
                throw ComposeException.config(mark(n) + ": document expands to more than " + MAX_EXPANDED_NODES
                        + " values through aliases (alias bomb?)");
            }
            if (depth > MAX_DEPTH) {
                throw ComposeException.config(mark(n) + ": document is nested more than " + MAX_DEPTH + " levels deep");
            }
            if (active.put(n, Boolean.TRUE) != null) {
                throw ComposeException.config(mark(n) + ": an alias refers to a value that contains it (recursive anchor)");
            }
            try {
                NodeTag tag = switch (n.getTag().getValue()) {
                    case RESET -> NodeTag.RESET;
                    case OVERRIDE -> NodeTag.OVERRIDE;
                    default -> NodeTag.NONE;
                };
                return switch (n) {
                    case org.snakeyaml.engine.v2.nodes.ScalarNode s -> scalar(s, tag);
                    case SequenceNode s -> {
                        List<Node> items = new ArrayList<>(s.getValue().size());
                        for (org.snakeyaml.engine.v2.nodes.Node item : s.getValue()) {
                            items.add(convert(item, depth + 1));
                        }
                        yield new SeqNode(mark(n), tag, items);
                    }
                    case MappingNode m -> mapping(m, tag, depth);
                    default -> throw ComposeException.config(mark(n) + ": unsupported YAML node");
                };
            } finally {
                active.remove(n);
            }
        }

        private MapNode mapping(MappingNode m, NodeTag tag, int depth) {
            MapNode.Builder b = MapNode.builder(mark(m)).tag(tag);
            List<MapNode> merged = new ArrayList<>();
            for (NodeTuple t : m.getValue()) {
                org.snakeyaml.engine.v2.nodes.Node k = t.getKeyNode();
                if (!(k instanceof org.snakeyaml.engine.v2.nodes.ScalarNode ks)) {
                    throw ComposeException.config(mark(k) + ": mapping keys must be strings, not "
                            + (k instanceof MappingNode ? "a mapping" : "a list"));
                }
                String key = ks.getValue();
                if (key.equals("<<") && ks.isPlain()) {
                    Node v = convert(t.getValueNode(), depth + 1);
                    collectMerge(v, merged);
                    continue;
                }
                if (b.has(key)) {
                    throw ComposeException.config(mark(k) + ": duplicate key '" + key + "' (first defined at "
                            + b.build().keyMark(key) + ")");
                }
                b.put(key, mark(k), convert(t.getValueNode(), depth + 1));
            }
            // Merge keys: explicit keys win; among merged maps, the first one listed wins.
            for (MapNode src : merged) {
                for (var e : src.entries().entrySet()) {
                    if (!b.has(e.getKey())) {
                        b.put(e.getKey(), src.keyMark(e.getKey()), e.getValue());
                    }
                }
            }
            return b.build();
        }

        private static void collectMerge(Node v, List<MapNode> merged) {
            if (v instanceof MapNode mm) {
                merged.add(mm);
            } else if (v instanceof SeqNode seq) {
                for (Node item : seq.items()) {
                    if (!(item instanceof MapNode mm)) {
                        throw ComposeException.config(item.mark() + ": merge key '<<' takes mappings, not "
                                + item.kindName());
                    }
                    merged.add(mm);
                }
            } else {
                throw ComposeException.config(v.mark() + ": merge key '<<' takes a mapping or a list of mappings, not "
                        + v.kindName());
            }
        }

        private ScalarNode scalar(org.snakeyaml.engine.v2.nodes.ScalarNode s, NodeTag tag) {
            String text = s.getValue();
            Tag t = s.getTag();
            if (tag != NodeTag.NONE) {
                // A custom tag hides the implicit type: resolve it as an untagged plain scalar would be.
                t = s.isPlain() ? new CoreSchema().getScalarResolver().resolve(text, true) : Tag.STR;
            }
            return new ScalarNode(mark(s), tag, value(t, text, s));
        }

        private Object value(Tag t, String text, org.snakeyaml.engine.v2.nodes.Node n) {
            if (t.equals(Tag.NULL)) {
                return null;
            }
            if (t.equals(Tag.BOOL)) {
                return Boolean.valueOf(text.toLowerCase());
            }
            if (t.equals(Tag.INT)) {
                return integer(text, n);
            }
            if (t.equals(Tag.FLOAT)) {
                String f = text.toLowerCase();
                return switch (f) {
                    case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                    case "-.inf" -> Double.NEGATIVE_INFINITY;
                    case ".nan" -> Double.NaN;
                    default -> Double.valueOf(f);
                };
            }
            return text;
        }

        private Object integer(String text, org.snakeyaml.engine.v2.nodes.Node n) {
            try {
                String v = text.replace("_", "");
                boolean neg = v.startsWith("-");
                if (neg || v.startsWith("+")) {
                    v = v.substring(1);
                }
                BigInteger b;
                if (v.startsWith("0x")) {
                    b = new BigInteger(v.substring(2), 16);
                } else if (v.startsWith("0o")) {
                    b = new BigInteger(v.substring(2), 8);
                } else if (v.length() > 1 && v.startsWith("0") && v.chars().allMatch(c -> c >= '0' && c <= '7')) {
                    // compose-go's YAML library reads a leading 0 as octal (YAML 1.1): file modes such as 0440.
                    b = new BigInteger(v.substring(1), 8);
                } else {
                    b = new BigInteger(v);
                }
                if (neg) {
                    b = b.negate();
                }
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            } catch (NumberFormatException e) {
                throw ComposeException.config(mark(n) + ": invalid integer '" + text + "'");
            }
        }
    }
}
