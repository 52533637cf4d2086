package dev.jcompose.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What `up` / `create` / `plan` were asked to do. */
public record UpRequest(
        List<String> services,
        boolean forceRecreate,
        boolean noRecreate,
        boolean noDeps,
        boolean alwaysRecreateDeps,
        boolean noStart,
        boolean removeOrphans,
        boolean renewAnonVolumes,
        Map<String, Integer> scale,
        String pull,
        boolean quietPull,
        boolean waitReady,
        Duration waitTimeout,
        Duration stopTimeout,
        boolean dryRun) {
    public UpRequest {
        services = List.copyOf(services);
        scale = Map.copyOf(scale);
    }

    public static UpRequest defaults() {
        return new UpRequest(List.of(), false, false, false, false, false, false, false, Map.of(), null, false, false,
                null, null, false);
    }
}
