package dev.jcompose.load.interpolate;

import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The variables a compose tree refers to, with their defaults: what {@code config --variables} lists. */
public final class Variables {
    private Variables() {
    }

    /**
     * One referenced variable.
     *
     * @param defaultValue  the argument of {@code :-} / {@code -}, else ""
     * @param presenceValue the argument of {@code :+} / {@code +}, else ""
     * @param required      referenced with {@code :?} / {@code ?}
     */
    public record Variable(String name, String defaultValue, String presenceValue, boolean required) {
    }

    /**
     * Every variable referenced in the string values of the tree (keys are never interpolated), by name. When a
     * name is referenced more than once, the reference met last wins, in compose's scanning order.
     */
    public static Map<String, Variable> extract(Node root) {
        Map<String, Variable> found = new TreeMap<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node node, Map<String, Variable> found) {
        switch (node) {
            case MapNode m -> m.entries().values().forEach(v -> collect(v, found));
            case SeqNode q -> q.items().forEach(v -> collect(v, found));
            case ScalarNode s -> {
                if (s.value() instanceof String text) {
                    inString(text).forEach(v -> found.put(v.name(), v));
                }
            }
        }
    }

    /** The references of one string, nested ones included, in the order compose reports them. */
    public static List<Variable> inString(String text) {
        List<Variable> out = new ArrayList<>();
        int at = 0;
        for (TemplateScanner.Token t = TemplateScanner.next(text, at); t != null;
                t = TemplateScanner.next(text, at)) {
            if (t.kind() == TemplateScanner.Kind.REFERENCE) {
                // Compose's pattern match spans to the last brace of the line and reports the references after
                // this one's closing brace before this one.
                out.addAll(inString(text.substring(t.end(), t.matchEnd())));
                out.addAll(reference(t));
            }
            at = t.matchEnd();
        }
        return out;
    }

    private static List<Variable> reference(TemplateScanner.Token t) {
        Operator op = t.operator();
        String argument = op == null ? "" : t.argument();
        String defaultValue = op != null && op.isDefault() ? argument : "";
        String presenceValue = op != null && op.isAlternative() ? argument : "";
        List<Variable> out = new ArrayList<>();
        out.add(new Variable(t.name(), defaultValue, presenceValue, op != null && op.isRequired()));
        out.addAll(inString(defaultValue));
        out.addAll(inString(presenceValue));
        return out;
    }
}
