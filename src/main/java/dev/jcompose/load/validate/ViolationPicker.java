package dev.jcompose.load.validate;

import com.networknt.schema.JsonNodePath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.SeqNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the one violation worth reporting. A schema library reports every failed keyword, including each
 * failed branch of a oneOf; users need the one that explains their mistake:
 * <ol>
 * <li>oneOf/anyOf: branches written for another type of value are dropped, so the branch that matches the
 * value's type speaks; when no branch matches the type, one "must be a X or Y" violation replaces them;</li>
 * <li>several type rules on one value (a $ref plus a local type) are merged into the types all allow;</li>
 * <li>then by kind: an unknown key first (usually a typo), then a bad key name, a wrong type, a missing key, a
 * bad value, a duplicate item; ties go to the earliest place in the document.</li>
 * </ol>
 */
final class ViolationPicker {
    private ViolationPicker() {
    }

    static Violation pick(List<Violation> found, MapNode root) {
        List<Violation> candidates = mergeTypes(pruneAlternatives(found));
        Map<Node, Integer> order = documentOrder(root);
        Comparator<Violation> byKind = Comparator.comparingInt(v -> rank(v.keyword()));
        Comparator<Violation> byPlace = Comparator.comparingInt(
                v -> v.node() == null ? Integer.MAX_VALUE : order.getOrDefault(v.node(), Integer.MAX_VALUE));
        return candidates.stream().min(byKind.thenComparing(byPlace)).orElseThrow();
    }

    static int rank(String keyword) {
        return switch (keyword) {
            case "additionalProperties", "unevaluatedProperties" -> 0;
            case "propertyNames" -> 1;
            case "type" -> 2;
            case "required" -> 3;
            case "enum", "const", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                    "minLength", "maxLength", "format" -> 4;
            case "uniqueItems" -> 5;
            default -> 6;
        };
    }

    /** Innermost combinators first, so a nested oneOf is settled before the one around it. */
    static List<Violation> pruneAlternatives(List<Violation> found) {
        List<Violation> result = new ArrayList<>(found);
        List<Violation> combinators = new ArrayList<>(found.stream()
                .filter(v -> v.keyword().equals("oneOf") || v.keyword().equals("anyOf")).toList());
        combinators.sort(Comparator.comparingInt((Violation v) -> v.evaluation().getNameCount()).reversed());
        for (Violation combinator : combinators) {
            JsonNodePath base = combinator.evaluation();
            Map<Object, List<Violation>> branches = new LinkedHashMap<>();
            for (Violation v : result) {
                if (v != combinator && isUnder(v.evaluation(), base)) {
                    branches.computeIfAbsent(v.evaluation().getElement(base.getNameCount()), k -> new ArrayList<>())
                            .add(v);
                }
            }
            if (branches.isEmpty()) {
                continue; // e.g. more than one branch matched: only the combinator can say so
            }
            Set<Violation> drop = Collections.newSetFromMap(new IdentityHashMap<>());
            Set<String> wrongTypes = new LinkedHashSet<>();
            int mismatched = 0;
            for (List<Violation> branch : branches.values()) {
                List<Violation> typeMisses = branch.stream()
                        .filter(v -> v.keyword().equals("type") && v.path().equals(combinator.path())).toList();
                if (!typeMisses.isEmpty()) {
                    mismatched++;
                    drop.addAll(branch);
                    typeMisses.forEach(v -> wrongTypes.addAll(v.types()));
                }
            }
            drop.add(combinator);
            if (mismatched == branches.size()) {
                result.add(combinator.withTypes("type", wrongTypes));
            }
            result.removeIf(drop::contains);
        }
        return result;
    }

    private static boolean isUnder(JsonNodePath path, JsonNodePath base) {
        if (path.getNameCount() <= base.getNameCount()) {
            return false;
        }
        for (int i = 0; i < base.getNameCount(); i++) {
            if (!path.getElement(i).equals(base.getElement(i))) {
                return false;
            }
        }
        return true;
    }

    /** One type violation per value, allowing only what every failed type rule allows. */
    static List<Violation> mergeTypes(List<Violation> found) {
        List<Violation> result = new ArrayList<>();
        Map<Node, Integer> typeAt = new IdentityHashMap<>();
        for (Violation v : found) {
            Integer earlier = v.keyword().equals("type") && v.node() != null ? typeAt.get(v.node()) : null;
            if (earlier == null) {
                if (v.keyword().equals("type") && v.node() != null) {
                    typeAt.put(v.node(), result.size());
                }
                result.add(v);
            } else {
                Violation first = result.get(earlier);
                Set<String> both = intersect(first.types(), v.types());
                result.set(earlier, first.withTypes("type", both.isEmpty() ? first.types() : both));
            }
        }
        return result;
    }

    /** JSON-schema types where "number" includes "integer". */
    static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : a) {
            if (b.contains(t)) {
                out.add(t);
            } else if (t.equals("number") && b.contains("integer") || t.equals("integer") && b.contains("number")) {
                out.add("integer");
            }
        }
        return out;
    }

    private static Map<Node, Integer> documentOrder(Node root) {
        Map<Node, Integer> order = new IdentityHashMap<>();
        List<Node> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Node n = stack.removeLast();
            order.put(n, order.size());
            List<Node> children = switch (n) {
                case MapNode m -> new ArrayList<>(m.entries().values());
                case SeqNode s -> new ArrayList<>(s.items());
                default -> List.of();
            };
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.add(children.get(i));
            }
        }
        return order;
    }
}
