package dev.jcompose.model;

import java.util.List;
import java.util.Map;

/** {@code build:} in long form; context is an absolute path (or a URL), dockerfile relative to it. */
public record Build(
        String context,
        String dockerfile,
        String dockerfileInline,
        Map<String, String> args,
        String target,
        Map<String, String> labels,
        List<String> tags,
        List<String> cacheFrom,
        boolean noCache,
        boolean pull,
        String network,
        Long shmSize,
        List<String> extraHosts,
        Map<String, String> additionalContexts) {
    public Build {
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        tags = tags == null ? List.of() : List.copyOf(tags);
        cacheFrom = cacheFrom == null ? List.of() : List.copyOf(cacheFrom);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        additionalContexts = additionalContexts == null ? Map.of() : Map.copyOf(additionalContexts);
    }
}
