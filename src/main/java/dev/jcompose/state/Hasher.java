package dev.jcompose.state;

import dev.jcompose.model.Network;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.model.Volume;

/**
 * Computes the config-hash labels the reconciler compares with what it observes. A seam, so planner tests state
 * "hash matches" / "hash differs" without depending on the real hash function's output.
 */
public interface Hasher {
    String service(Service service);

    /** The hash of a service within its project (written secrets and configs count); by default as above. */
    default String service(Project project, Service service) {
        return service(service);
    }

    String network(Network network);

    String volume(Volume volume);

    /** Production hashes: {@link ConfigHash} for services, {@link ResourceHash} for networks and volumes. */
    Hasher DEFAULT = new Hasher() {
        @Override
        public String service(Service service) {
            return ConfigHash.of(service);
        }

        @Override
        public String service(Project project, Service service) {
            return ConfigHash.of(project, service);
        }

        @Override
        public String network(Network network) {
            return ResourceHash.network(network);
        }

        @Override
        public String volume(Volume volume) {
            return ResourceHash.volume(volume);
        }
    };
}
