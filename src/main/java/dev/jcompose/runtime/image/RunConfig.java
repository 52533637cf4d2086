package dev.jcompose.runtime.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runtime defaults an image gives its containers ("config" in an image config), with Docker's field
 * names. ExposedPorts and Volumes are JSON objects whose values are always {} — kept as maps so the JSON
 * round-trips. OnBuild holds the triggers the builder runs when this image is a FROM.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunConfig(
        @JsonProperty("User") String user,
        @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Healthcheck") HealthConfig healthcheck,
        @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("Shell") List<String> shell,
        @JsonProperty("OnBuild") List<String> onBuild) {

    public static final RunConfig EMPTY =
            new RunConfig(null, null, null, null, null, null, null, null, null, null, null, null);

    /** A mutable copy for building a new config (import changes, later the builder). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public Map<String, String> labelsOrEmpty() {
        return labels == null ? Map.of() : labels;
    }

    /** Builder: fields start from an existing config; collections are copied. */
    public static final class Builder {
        private String user;
        private Map<String, Map<String, Object>> exposedPorts;
        private List<String> env;
        private List<String> entrypoint;
        private List<String> cmd;
        private HealthConfig healthcheck;
        private Map<String, Map<String, Object>> volumes;
        private String workingDir;
        private Map<String, String> labels;
        private String stopSignal;
        private List<String> shell;
        private List<String> onBuild;

        private Builder(RunConfig from) {
            user = from.user;
            exposedPorts = from.exposedPorts == null ? null : new TreeMap<>(from.exposedPorts);
            env = from.env == null ? null : new ArrayList<>(from.env);
            entrypoint = from.entrypoint;
            cmd = from.cmd;
            healthcheck = from.healthcheck;
            volumes = from.volumes == null ? null : new TreeMap<>(from.volumes);
            workingDir = from.workingDir;
            labels = from.labels == null ? null : new LinkedHashMap<>(from.labels);
            stopSignal = from.stopSignal;
            shell = from.shell;
            onBuild = from.onBuild == null ? null : new ArrayList<>(from.onBuild);
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder exposePort(String portAndProtocol) {
            exposedPorts = exposedPorts == null ? new TreeMap<>() : exposedPorts;
            exposedPorts.put(portAndProtocol, Map.of());
            return this;
        }

        /**
         * EXPOSE's word: 80, 80/tcp, 53/udp, 8000-8002/tcp (a range exposes each port); the Dockerfile and
         * {@code docker import --change} read it alike. Throws IllegalArgumentException for anything else.
         */
        public Builder exposeSpec(String spec) {
            String[] parts = spec.split("/", 2);
            String protocol = parts.length == 2 ? parts[1].toLowerCase(java.util.Locale.ROOT) : "tcp";
            String[] range = parts[0].split("-", 2);
            int first;
            int last;
            try {
                first = Integer.parseInt(range[0]);
                last = range.length == 2 ? Integer.parseInt(range[1]) : first;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(spec, e);
            }
            if (first < 1 || last > 65535 || last < first || !java.util.Set.of("tcp", "udp", "sctp").contains(protocol)) {
                throw new IllegalArgumentException(spec);
            }
            for (int port = first; port <= last; port++) {
                exposePort(port + "/" + protocol);
            }
            return this;
        }

        /** Sets NAME=value, replacing an earlier value of the same name in place (Docker keeps the order). */
        public Builder env(String name, String value) {
            env = env == null ? new ArrayList<>() : env;
            String entry = name + "=" + value;
            for (int i = 0; i < env.size(); i++) {
                if (env.get(i).startsWith(name + "=") || env.get(i).equals(name)) {
                    env.set(i, entry);
                    return this;
                }
            }
            env.add(entry);
            return this;
        }

        public Builder entrypoint(List<String> value) {
            entrypoint = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder cmd(List<String> value) {
            cmd = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder healthcheck(HealthConfig value) {
            healthcheck = value;
            return this;
        }

        public Builder volume(String path) {
            volumes = volumes == null ? new TreeMap<>() : volumes;
            volumes.put(path, Map.of());
            return this;
        }

        public Builder workingDir(String value) {
            workingDir = value;
            return this;
        }

        public Builder label(String key, String value) {
            labels = labels == null ? new LinkedHashMap<>() : labels;
            labels.put(key, value);
            return this;
        }

        public Builder stopSignal(String value) {
            stopSignal = value;
            return this;
        }

        public Builder shell(List<String> value) {
            shell = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder onBuild(String trigger) {
            onBuild = onBuild == null ? new ArrayList<>() : onBuild;
            onBuild.add(trigger);
            return this;
        }

        /** No triggers: a FROM that ran its base's ONBUILD triggers does not hand them on. */
        public Builder clearOnBuild() {
            onBuild = null;
            return this;
        }

        public RunConfig build() {
            return new RunConfig(user, exposedPorts, env, entrypoint, cmd, healthcheck, volumes, workingDir,
                    labels, stopSignal, shell, onBuild);
        }
    }
}
