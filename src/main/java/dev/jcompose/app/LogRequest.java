package dev.jcompose.app;

import dev.jcompose.engine.LogOptions;
import java.util.List;

/**
 * What `logs` was asked for.
 *
 * @param services        services whose containers to show (empty = all the project's)
 * @param watchedServices services whose containers -f waits for and picks up when they start later (empty =
 *                        the whole application)
 * @param index           the replica number of the one named service (0 = all replicas)
 * @param options         follow, since, until, tail
 */
public record LogRequest(List<String> services, List<String> watchedServices, int index, LogOptions options) {
    public LogRequest {
        services = List.copyOf(services);
        watchedServices = List.copyOf(watchedServices);
    }
}
