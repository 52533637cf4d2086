package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters of an image list, as the Engine API's {@code filters} parameter gives them: reference
 * (glob on the familiar name, OR), dangling (true/false), label ({@code key} or {@code key=value}, AND),
 * before/since (an image, compared by creation time).
 */
public record ImageFilters(List<String> references, Boolean dangling, List<String> labels, String before,
        String since) {
    public static final ImageFilters NONE = new ImageFilters(List.of(), null, List.of(), null, null);
    private static final Set<String> KNOWN = Set.of("reference", "dangling", "label", "before", "since");

    public ImageFilters {
        references = List.copyOf(references);
        labels = List.copyOf(labels);
    }

    /** Reads Docker's filter map; unknown keys and bad values are 400s with Docker's wording. */
    public static ImageFilters parse(Map<String, List<String>> filters) {
        for (String key : filters.keySet()) {
            if (!KNOWN.contains(key)) {
                throw RuntimeError.badRequest("invalid filter '" + key + "'");
            }
        }
        Boolean dangling = null;
        for (String value : filters.getOrDefault("dangling", List.of())) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")
                    && !value.equals("1") && !value.equals("0")) {
                throw RuntimeError.badRequest("invalid filter 'dangling=" + value + "'");
            }
            dangling = value.equalsIgnoreCase("true") || value.equals("1");
        }
        return new ImageFilters(filters.getOrDefault("reference", List.of()), dangling,
                filters.getOrDefault("label", List.of()), single(filters, "before"), single(filters, "since"));
    }

    private static String single(Map<String, List<String>> filters, String key) {
        List<String> values = filters.getOrDefault(key, List.of());
        if (values.size() > 1) {
            throw RuntimeError.badRequest("invalid filter '" + key + "': only one value allowed");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    boolean matchesLabels(Map<String, String> imageLabels) {
        for (String filter : labels) {
            int equals = filter.indexOf('=');
            if (equals < 0 ? !imageLabels.containsKey(filter)
                    : !filter.substring(equals + 1).equals(imageLabels.get(filter.substring(0, equals)))) {
                return false;
            }
        }
        return true;
    }

    /** Docker's FamiliarMatch: the pattern matches the familiar string or, failing that, the familiar name. */
    boolean matchesReferences(List<Reference> imageReferences) {
        if (references.isEmpty()) {
            return true;
        }
        for (String pattern : references) {
            for (Reference reference : imageReferences) {
                if (Glob.matches(pattern, reference.familiarString()) || Glob.matches(pattern, reference.familiarName())) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean inTimeWindow(Instant created, Instant before, Instant since) {
        if (before != null && (created == null || !created.isBefore(before))) {
            return false;
        }
        return since == null || (created != null && created.isAfter(since));
    }
}
