package dev.jcompose.app;

import java.util.List;

/** What `pull` was asked: services (empty = all), --include-deps, --ignore-buildable, --ignore-pull-failures,
 * --policy (null = each service's pull_policy), -q. */
public record PullRequest(List<String> services, boolean includeDeps, boolean ignoreBuildable,
        boolean ignoreFailures, String policy, boolean quiet) {
    public PullRequest {
        services = List.copyOf(services);
    }
}
