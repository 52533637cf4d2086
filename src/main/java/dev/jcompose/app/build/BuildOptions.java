package dev.jcompose.app.build;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line options of a build run ({@code jcompose build} flags; {@code up} uses the defaults).
 *
 * @param noCache   --no-cache: ignore the cache for every service (build.no_cache still applies per service)
 * @param pull      --pull: pull newer base images for every service
 * @param buildArgs --build-arg K=V overrides; a null value means "take K from the project environment"
 * @param parallel  how many builds run at once (-1: no limit), from --parallel / COMPOSE_PARALLEL_LIMIT
 */
public record BuildOptions(boolean noCache, boolean pull, Map<String, String> buildArgs, int parallel) {
    public BuildOptions {
        buildArgs = buildArgs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    }

    public static BuildOptions defaults(int parallel) {
        return new BuildOptions(false, false, Map.of(), parallel);
    }
}
