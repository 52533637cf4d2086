package dev.jcompose.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to create one container, engine-neutral. Lists and maps are never null (empty = not set);
 * {@code entrypoint} and {@code cmd} are null when the image's own must be used, because an empty list is a
 * real override there. {@code networks} are attached in order: the first at create, the others connected
 * before start (as compose does on API 1.41). {@code networkMode} (host, none, container:ID) excludes
 * networks. {@code stdinOnce} closes the container's stdin when the attached client closes it (run -i);
 * {@code autoRemove} makes the engine remove the container when it exits (run --rm -d). Build one with
 * {@link #builder(String, String)}.
 */
public record ContainerSpec(String name, String image, List<String> entrypoint, List<String> cmd,
        List<String> env, Map<String, String> labels, String user, String workingDir, String hostname,
        String domainname, List<String> exposedPorts, List<PortBinding> portBindings, List<MountSpec> mounts,
        List<EndpointSpec> networks, String networkMode, RestartPolicy restartPolicy, String stopSignal,
        Duration stopTimeout, Boolean init, HealthcheckSpec healthcheck, List<String> capAdd, List<String> capDrop,
        boolean privileged, boolean readOnly, Map<String, String> tmpfs, List<String> extraHosts, List<String> dns,
        List<String> dnsSearch, List<String> dnsOptions, Map<String, Ulimit> ulimits, Map<String, String> sysctls,
        Resources resources, LogConfig logConfig, boolean tty, boolean stdinOpen, List<String> securityOpt,
        List<String> groupAdd, List<Device> devices, boolean stdinOnce, boolean autoRemove) {

    public ContainerSpec {
        Objects.requireNonNull(image, "image");
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        env = copy(env);
        labels = copy(labels);
        exposedPorts = copy(exposedPorts);
        portBindings = copy(portBindings);
        mounts = copy(mounts);
        networks = copy(networks);
        if (networkMode != null && !networks.isEmpty()) {
            throw new IllegalArgumentException("networkMode " + networkMode + " excludes networks " + networks);
        }
        capAdd = copy(capAdd);
        capDrop = copy(capDrop);
        tmpfs = copy(tmpfs);
        extraHosts = copy(extraHosts);
        dns = copy(dns);
        dnsSearch = copy(dnsSearch);
        dnsOptions = copy(dnsOptions);
        ulimits = copy(ulimits);
        sysctls = copy(sysctls);
        resources = resources == null ? Resources.NONE : resources;
        securityOpt = copy(securityOpt);
        groupAdd = copy(groupAdd);
        devices = copy(devices);
    }

    public static ContainerSpecBuilder builder(String name, String image) {
        return new ContainerSpecBuilder(name, image);
    }

    /** A builder holding this spec's values, for a variant (e.g. the temporary name of a recreate). */
    public ContainerSpecBuilder toBuilder() {
        return new ContainerSpecBuilder(this);
    }

    /** A published port: host side may be empty (engine picks) or a range "8000-8010". */
    public record PortBinding(String hostIp, String hostPort, int containerPort, String protocol) {
        public PortBinding {
            hostIp = hostIp == null ? "" : hostIp;
            hostPort = hostPort == null ? "" : hostPort;
            protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
        }

        /** The container side as the API keys it: "80/tcp". */
        public String containerPortKey() {
            return containerPort + "/" + protocol;
        }
    }

    /** A mount; source is a volume name (null = anonymous), a host path, or unused for tmpfs. */
    public record MountSpec(Type type, String source, String target, boolean readOnly, String bindPropagation,
            boolean bindCreateHostPath, boolean volumeNoCopy, Long tmpfsSizeBytes, Integer tmpfsMode) {
        public enum Type { BIND, VOLUME, TMPFS }

        public MountSpec {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(target, "target");
        }

        public static MountSpec volume(String name, String target, boolean readOnly) {
            return new MountSpec(Type.VOLUME, name, target, readOnly, null, false, false, null, null);
        }

        public static MountSpec bind(String hostPath, String target, boolean readOnly) {
            return new MountSpec(Type.BIND, hostPath, target, readOnly, null, true, false, null, null);
        }

        public static MountSpec tmpfs(String target, Long sizeBytes) {
            return new MountSpec(Type.TMPFS, null, target, false, null, false, false, sizeBytes, null);
        }
    }

    /** name is no, always, unless-stopped or on-failure (maxRetries 0 = unlimited). */
    public record RestartPolicy(String name, int maxRetries) {
        public static final RestartPolicy NO = new RestartPolicy("no", 0);

        public RestartPolicy {
            name = name == null || name.isEmpty() ? "no" : name;
        }
    }

    /** test is the Docker form: ["CMD", ...], ["CMD-SHELL", "..."] or ["NONE"]. Null durations = default. */
    public record HealthcheckSpec(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
            Duration startInterval, Integer retries) {
        public HealthcheckSpec {
            test = test == null ? List.of() : List.copyOf(test);
        }
    }

    public record Ulimit(long soft, long hard) {
    }

    /** Limits; null = unlimited / engine default. cpus is fractional CPUs (NanoCPUs / 1e9). */
    public record Resources(Long memoryBytes, Long memoryReservationBytes, Long memorySwapBytes, Double cpus,
            Long cpuShares, Long pidsLimit, Long shmSizeBytes) {
        public static final Resources NONE = new Resources(null, null, null, null, null, null, null);
    }

    public record LogConfig(String driver, Map<String, String> options) {
        public LogConfig {
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }

    /** A device mapping; permissions defaults to "rwm". */
    public record Device(String pathOnHost, String pathInContainer, String permissions) {
        public Device {
            pathInContainer = pathInContainer == null || pathInContainer.isEmpty() ? pathOnHost : pathInContainer;
            permissions = permissions == null || permissions.isEmpty() ? "rwm" : permissions;
        }
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }
}
