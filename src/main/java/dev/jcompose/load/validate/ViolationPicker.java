package dev.jcompose.load.validate;

import com.networknt.schema.JsonNodePath;
import dev.jcompose.load.tree.KeyPath;
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
        Comparator<Violation> byKind = Comparator.comparingInt(v -> rank(v.keyword()));
        Comparator<Violation> byNode = (a, b) -> comparePaths(root, a.path(), b.path());
        // Two unknown keys of one mapping: the one written first.
        Comparator<Violation> byPlace = Comparator.comparingInt((Violation v) -> v.place().line())
                .thenComparingInt(v -> v.place().column());
        return candidates.stream().min(byKind.thenComparing(byNode).thenComparing(byPlace)).orElseThrow();
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

    /**
     * Settles every oneOf/anyOf that has failing branches, innermost first. The library reports each failed
     * branch (and, for oneOf only, a summary); combinators are found from the branches' evaluation paths.
     */
    static List<Violation> pruneAlternatives(List<Violation> found) {
        Set<List<Object>> bases = new LinkedHashSet<>();
        for (Violation v : found) {
            JsonNodePath e = v.evaluation();
            for (int i = 0; i + 1 < e.getNameCount(); i++) {
                if (isCombinator(e.getElement(i)) && e.getElement(i + 1) instanceof Integer) {
                    bases.add(prefix(e, i + 1));
                }
            }
        }
        List<List<Object>> innermostFirst = new ArrayList<>(bases);
        innermostFirst.sort(Comparator.comparingInt((List<Object> b) -> b.size()).reversed());
        List<Violation> result = new ArrayList<>(found);
        for (List<Object> base : innermostFirst) {
            result = settle(base, result);
        }
        return result;
    }

    private static List<Violation> settle(List<Object> base, List<Violation> violations) {
        Map<Object, List<Violation>> branches = new LinkedHashMap<>();
        Set<Violation> drop = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Violation v : violations) {
            JsonNodePath e = v.evaluation();
            if (e.getNameCount() == base.size() && prefix(e, base.size()).equals(base)) {
                drop.add(v); // the oneOf summary: its branches say more
            } else if (e.getNameCount() > base.size() && prefix(e, base.size()).equals(base)) {
                branches.computeIfAbsent(e.getElement(base.size()), k -> new ArrayList<>()).add(v);
            }
        }
        if (branches.isEmpty()) {
            return violations; // e.g. a oneOf that more than one branch matched: only its summary can say so
        }
        Violation firstMiss = null;
        Set<String> wantedTypes = new LinkedHashSet<>();
        int mismatched = 0;
        for (List<Violation> branch : branches.values()) {
            Violation miss = branch.stream().filter(v -> isBranchTypeMiss(v, base.size())).findFirst().orElse(null);
            if (miss != null) {
                mismatched++;
                drop.addAll(branch);
                wantedTypes.addAll(miss.types());
                firstMiss = firstMiss == null ? miss : firstMiss;
            }
        }
        List<Violation> result = new ArrayList<>(violations);
        result.removeIf(drop::contains);
        if (mismatched == branches.size()) {
            result.add(firstMiss.withTypes("type", wantedTypes));
        }
        return result;
    }

    /** The branch's own "type" failed (possibly behind $refs): it was written for another kind of value. */
    private static boolean isBranchTypeMiss(Violation v, int baseSize) {
        JsonNodePath e = v.evaluation();
        if (!v.keyword().equals("type") || !"type".equals(e.getElement(e.getNameCount() - 1))) {
            return false;
        }
        for (int i = baseSize + 1; i < e.getNameCount() - 1; i++) {
            if (!"$ref".equals(e.getElement(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCombinator(Object segment) {
        return "oneOf".equals(segment) || "anyOf".equals(segment);
    }

    private static List<Object> prefix(JsonNodePath path, int length) {
        List<Object> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            out.add(path.getElement(i));
        }
        return out;
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

    /**
     * Document order of two key paths: the earlier key of a mapping (merged trees keep the first file's keys
     * first) or the lower list index; a value comes before what it contains. Costs nothing unless violations tie.
     */
    static int comparePaths(Node root, KeyPath a, KeyPath b) {
        Node here = root;
        int common = Math.min(a.depth(), b.depth());
        for (int i = 0; i < common; i++) {
            Object sa = a.segments().get(i);
            Object sb = b.segments().get(i);
            if (!sa.equals(sb)) {
                if (sa instanceof Integer ia && sb instanceof Integer ib) {
                    return Integer.compare(ia, ib);
                }
                if (here instanceof MapNode m) {
                    for (String key : m.keys()) {
                        if (key.equals(sa)) {
                            return -1;
                        }
                        if (key.equals(sb)) {
                            return 1;
                        }
                    }
                }
                return 0;
            }
            here = switch (here) {
                case MapNode m when sa instanceof String k -> m.get(k);
                case SeqNode s when sa instanceof Integer idx && idx < s.size() -> s.get(idx);
                default -> null;
            };
            if (here == null) {
                return 0;
            }
        }
        return Integer.compare(a.depth(), b.depth());
    }
}
