package dev.jcompose.engine;

import dev.jcompose.engine.ContainerSpec.HealthcheckSpec;
import java.util.List;
import java.util.Map;

/**
 * The image's runtime defaults a container inherits. entrypoint/cmd are empty when unset; healthcheck null
 * when the image declares none; volumes and exposedPorts are the keys ("/data", "80/tcp").
 */
public record ImageConfig(List<String> env, List<String> entrypoint, List<String> cmd, List<String> volumes,
        HealthcheckSpec healthcheck, String stopSignal, String user, String workingDir, List<String> exposedPorts,
        Map<String, String> labels) {
    public static final ImageConfig EMPTY = new ImageConfig(null, null, null, null, null, null, null, null, null,
            null);

    public ImageConfig {
        env = env == null ? List.of() : List.copyOf(env);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        stopSignal = stopSignal == null ? "" : stopSignal;
        user = user == null ? "" : user;
        workingDir = workingDir == null ? "" : workingDir;
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
