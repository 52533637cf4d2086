package dev.jcompose.app;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.PublishedPort;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One container as `ps` shows it: the engine's list entry completed by an inspect (health, exit code), as
 * compose's containerSummary builds it. status is the engine's text ("Up 3 seconds (healthy)"); detail is the
 * inspected state, for engines that give no text.
 *
 * @param mounts       volume names, or the source path of binds
 * @param localVolumes how many of the mounts are volumes (of the local driver)
 */
public record PsRow(String id, String name, String image, String command, String project, String service,
        Instant created, ContainerState state, String status, ContainerInfo.Status detail, HealthStatus health,
        int exitCode, List<PublishedPort> ports, Map<String, String> labels, List<String> mounts, int localVolumes,
        List<String> networks) {
    public PsRow {
        ports = List.copyOf(ports);
        labels = Map.copyOf(labels);
        mounts = List.copyOf(mounts);
        networks = List.copyOf(networks);
    }
}
