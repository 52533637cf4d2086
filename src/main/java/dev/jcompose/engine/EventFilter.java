package dev.jcompose.engine;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which events to receive: types empty = all; every label filter ("key" or "key=value") must match the
 * actor's attributes; since/until null = from now / forever.
 */
public record EventFilter(Set<String> types, List<String> labels, Instant since, Instant until) {
    public EventFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public static EventFilter labels(String... labels) {
        return new EventFilter(Set.of(), List.of(labels), null, null);
    }

    public boolean matches(EngineEvent event) {
        return (types.isEmpty() || types.contains(event.type())) && LabelFilters.matches(event.attributes(), labels);
    }
}
