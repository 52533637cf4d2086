package dev.jcompose.graph;

import dev.jcompose.model.Service;
import java.util.Map;
import java.util.TreeMap;

/**
 * Services a service needs without saying depends_on: links, {@code network_mode/ipc/pid: service:x} and
 * volumes_from. The loader's normaliser adds them to depends_on too (like compose-go); the graph adds them again so
 * a hand-built or un-normalised project still orders correctly. Values say whether the dependent must be restarted
 * when the parent is recreated (compose-go: true for links and shared namespaces, false for volumes_from).
 */
public final class ImplicitDependencies {
    private ImplicitDependencies() {
    }

    private static final String SERVICE_PREFIX = "service:";
    private static final String CONTAINER_PREFIX = "container:";

    /** Implicit parent service → restart flag, sorted by name. */
    public static Map<String, Boolean> of(Service service) {
        Map<String, Boolean> deps = new TreeMap<>();
        for (String link : service.links()) {
            deps.merge(link.split(":", 2)[0], true, Boolean::logicalOr);
        }
        for (String mode : new String[] {service.networkMode(), service.ipc(), service.pid()}) {
            String parent = serviceOfMode(mode);
            if (parent != null) {
                deps.merge(parent, true, Boolean::logicalOr);
            }
        }
        for (String from : service.volumesFrom()) {
            String parent = serviceOfVolumesFrom(from);
            if (parent != null) {
                deps.merge(parent, false, Boolean::logicalOr);
            }
        }
        return deps;
    }

    /** {@code service:db} → db; anything else (host, none, container:x, bridge) → null. */
    public static String serviceOfMode(String mode) {
        return mode != null && mode.startsWith(SERVICE_PREFIX) ? mode.substring(SERVICE_PREFIX.length()) : null;
    }

    /** volumes_from {@code db}, {@code db:ro} or {@code service:db[:ro]} → db; {@code container:x[:ro]} → null. */
    public static String serviceOfVolumesFrom(String spec) {
        if (spec == null || spec.isEmpty() || spec.startsWith(CONTAINER_PREFIX)) {
            return null;
        }
        String rest = spec.startsWith(SERVICE_PREFIX) ? spec.substring(SERVICE_PREFIX.length()) : spec;
        return rest.split(":", 2)[0];
    }
}
