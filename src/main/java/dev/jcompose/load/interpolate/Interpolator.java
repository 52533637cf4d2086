package dev.jcompose.load.interpolate;

import dev.jcompose.load.Warnings;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import dev.jcompose.load.tree.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Substitutes ${VAR} expressions in every string value of a compose tree (never in keys), then casts values at
 * typed paths (ports, replicas, booleans...) from strings to their type, as compose-go does.
 */
public final class Interpolator {
    private Interpolator() {
    }

    public static MapNode interpolate(MapNode root, Map<String, String> environment, Warnings warnings) {
        return interpolate(root, environment, warnings, TypeCasts.COMPOSE);
    }

    /**
     * Interpolates with another cast table. Every node keeps its mark, so later phases still point at the
     * source; errors name file:line:col and the key path of the value.
     */
    public static MapNode interpolate(MapNode root, Map<String, String> environment, Warnings warnings,
            TypeCasts casts) {
        return (MapNode) walk(root, KeyPath.ROOT, environment, warnings, casts);
    }

    private static Node walk(Node node, KeyPath path, Map<String, String> env, Warnings warnings,
            TypeCasts casts) {
        return switch (node) {
            case MapNode m -> m.mapValues((key, value) -> walk(value, path.key(key), env, warnings, casts));
            case SeqNode q -> {
                List<Node> items = new ArrayList<>(q.size());
                for (int i = 0; i < q.size(); i++) {
                    items.add(walk(q.get(i), path.index(i), env, warnings, casts));
                }
                yield q.withItems(items);
            }
            case ScalarNode s when s.value() instanceof String text -> scalar(s, text, path, env, warnings, casts);
            case ScalarNode s -> s;
        };
    }

    private static ScalarNode scalar(ScalarNode node, String text, KeyPath path, Map<String, String> env,
            Warnings warnings, TypeCasts casts) {
        Where where = new Where(node.mark(), path);
        String value;
        try {
            value = Template.substitute(text, env::get, name -> warnings.add(Template.unsetWarning(name)));
        } catch (TemplateException.Invalid e) {
            // Compose's wording, after our position prefix.
            throw where.error("invalid interpolation format for " + path
                    + ".\nYou may need to escape any $ with another $.\n" + e.template());
        } catch (TemplateException e) {
            throw where.error(e.getMessage());
        }
        TypeCasts.Type type = casts.typeAt(path);
        if (type == null) {
            return value.equals(text) ? node : node.withValue(value);
        }
        try {
            return node.withValue(TypeCasts.cast(type, value, warnings::add));
        } catch (IllegalArgumentException e) {
            throw where.error("failed to cast to expected type: " + e.getMessage());
        }
    }
}
