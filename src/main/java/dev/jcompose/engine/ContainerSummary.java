package dev.jcompose.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of a container list (what `docker ps -a` knows without an inspect). name has no leading "/".
 *
 * @param networkIds attached networks, engine network name → network id (the list's NetworkSettings.Networks)
 * @param mounts     the list's Mounts, as an inspect reports them
 */
public record ContainerSummary(String id, String name, String image, String imageId, String command,
        ContainerState state, String status, Map<String, String> labels, Instant created, List<PublishedPort> ports,
        List<String> networks, Map<String, String> networkIds, List<ContainerInfo.MountPoint> mounts) {
    public ContainerSummary {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
        networks = networks == null ? List.of() : List.copyOf(networks);
        networkIds = networkIds == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(networkIds));
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
    }
}
