package dev.jcompose.runtime.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classic builder's options, as {@code POST /build} takes them.
 *
 * @param dockerfile path of the Dockerfile inside the context
 * @param buildArgs ARG values (a null value: the ARG keeps its default)
 * @param target the stage to stop at, or null for the last one
 * @param labels added to the final image, as a last LABEL step
 * @param networkMode network of RUN steps: "" or "default" (the bridge), "bridge", "none", "host"
 * @param shmSize /dev/shm of RUN steps in bytes, 0 for the default
 * @param extraHosts "host:ip" lines for /etc/hosts of RUN steps
 */
public record BuildOptions(List<String> tags, String dockerfile, Map<String, String> buildArgs, String target,
        Map<String, String> labels, boolean noCache, boolean pull, boolean forceRemove, String networkMode,
        long shmSize, List<String> extraHosts, boolean quiet) {
    public BuildOptions {
        tags = List.copyOf(tags);
        dockerfile = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        networkMode = networkMode == null ? "" : networkMode;
        extraHosts = List.copyOf(extraHosts);
    }

    public static BuildOptions defaults() {
        return new BuildOptions(List.of(), "Dockerfile", Map.of(), null, Map.of(), false, false, false, "", 0,
                List.of(), false);
    }

    public BuildOptions withTags(List<String> value) {
        return new BuildOptions(value, dockerfile, buildArgs, target, labels, noCache, pull, forceRemove,
                networkMode, shmSize, extraHosts, quiet);
    }

    public BuildOptions withBuildArgs(Map<String, String> value) {
        return new BuildOptions(tags, dockerfile, value, target, labels, noCache, pull, forceRemove, networkMode,
                shmSize, extraHosts, quiet);
    }

    public BuildOptions withTarget(String value) {
        return new BuildOptions(tags, dockerfile, buildArgs, value, labels, noCache, pull, forceRemove, networkMode,
                shmSize, extraHosts, quiet);
    }

    public BuildOptions withNoCache(boolean value) {
        return new BuildOptions(tags, dockerfile, buildArgs, target, labels, value, pull, forceRemove, networkMode,
                shmSize, extraHosts, quiet);
    }

    public BuildOptions withLabels(Map<String, String> value) {
        return new BuildOptions(tags, dockerfile, buildArgs, target, value, noCache, pull, forceRemove, networkMode,
                shmSize, extraHosts, quiet);
    }

    public BuildOptions withNetworkMode(String value) {
        return new BuildOptions(tags, dockerfile, buildArgs, target, labels, noCache, pull, forceRemove, value,
                shmSize, extraHosts, quiet);
    }
}
