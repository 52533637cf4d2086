package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.image.Reference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code filters} query parameter of the image routes. Docker accepts two JSON shapes: the current
 * {@code {"label":["a=b"]}} and the older {@code {"label":{"a=b":true}}}, which the docker CLI still sends.
 * Both become key → values. Also Docker's FamiliarMatch for the reference filter, which shows only the
 * matching tags of an image.
 */
final class ImageFilterQuery {
    private ImageFilterQuery() {
    }

    /** key → values, keys checked against {@code allowed} with dockerd's message. */
    static Map<String, List<String>> parse(ApiRequest request, Set<String> allowed) {
        JsonNode node = request.jsonQuery("filters");
        if (!node.isObject()) {
            throw RuntimeError.badRequest("invalid filter: filters must be a JSON object");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!allowed.contains(entry.getKey())) {
                throw RuntimeError.badRequest("Invalid filter '" + entry.getKey() + "'");
            }
            List<String> values = new ArrayList<>();
            JsonNode value = entry.getValue();
            if (value.isArray()) {
                value.forEach(v -> values.add(v.asText()));
            } else if (value.isObject()) {
                value.fields().forEachRemaining(e -> {
                    if (e.getValue().asBoolean(true)) {
                        values.add(e.getKey());
                    }
                });
            } else if (value.isTextual()) {
                values.add(value.asText());
            } else {
                throw RuntimeError.badRequest("invalid filter '" + entry.getKey() + "': values must be strings");
            }
            out.put(entry.getKey(), values);
        }
        return out;
    }

    /** Docker's reference.FamiliarMatch: the pattern against the familiar string, then the familiar name. */
    static boolean familiarMatch(String pattern, Reference reference) {
        Pattern regex = Pattern.compile(dev.jcompose.runtime.image.Glob.toRegex(pattern));
        return regex.matcher(reference.familiarString()).matches() || regex.matcher(reference.familiarName()).matches();
    }

}
