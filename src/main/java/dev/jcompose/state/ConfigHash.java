package dev.jcompose.state;

import dev.jcompose.model.Service;

/**
 * The com.docker.compose.config-hash label: sha256 of the canonical JSON of the service definition with the
 * fields that must not force a recreate removed (build, pull_policy, scale, deploy.replicas, depends_on,
 * profiles).
 */
public final class ConfigHash {
    private ConfigHash() {
    }

    public static String of(Service service) {
        throw new UnsupportedOperationException("not yet implemented: config hash");
    }
}
