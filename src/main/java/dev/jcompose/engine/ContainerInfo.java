package dev.jcompose.engine;

import dev.jcompose.engine.ContainerSpec.HealthcheckSpec;
import dev.jcompose.engine.ContainerSpec.RestartPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as inspected: identity, runtime status, the effective config (image defaults merged in by the
 * engine), and its network attachments and mounts. name has no leading "/".
 */
public record ContainerInfo(String id, String name, Instant created, String image, String imageId, Status status,
        int restartCount, Config config, RestartPolicy restartPolicy, String networkMode,
        Map<String, Attachment> networks, List<MountPoint> mounts, List<PublishedPort> ports) {

    public ContainerInfo {
        networks = networks == null ? Map.of() : Map.copyOf(networks);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public ContainerState state() {
        return status.state();
    }

    /** The 12-hex short id Docker shows and uses as an implicit network alias. */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** State: exitCode is meaningful once EXITED; pid 0 when not running; times null when never set. */
    public record Status(ContainerState state, int exitCode, long pid, boolean oomKilled, String error,
            Instant startedAt, Instant finishedAt, HealthStatus health) {
        public boolean running() {
            return state == ContainerState.RUNNING || state == ContainerState.RESTARTING;
        }
    }

    /** Config as the engine holds it (after merging image defaults). stopTimeout in seconds, null = default. */
    public record Config(Map<String, String> labels, List<String> env, List<String> entrypoint, List<String> cmd,
            String user, String workingDir, String hostname, String domainname, boolean tty, boolean stdinOpen,
            String stopSignal, Integer stopTimeout, List<String> exposedPorts, HealthcheckSpec healthcheck) {
        public Config {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            env = env == null ? List.of() : List.copyOf(env);
            entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
            cmd = cmd == null ? List.of() : List.copyOf(cmd);
            exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
        }
    }

    /** One network endpoint; ipv4Address is empty while the container is not running. */
    public record Attachment(String networkId, List<String> aliases, String ipv4Address, String ipv6Address,
            String macAddress, String gateway) {
        public Attachment {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            ipv4Address = ipv4Address == null ? "" : ipv4Address;
            ipv6Address = ipv6Address == null ? "" : ipv6Address;
            macAddress = macAddress == null ? "" : macAddress;
            gateway = gateway == null ? "" : gateway;
        }
    }

    /** type is bind, volume or tmpfs; name is the volume name (volumes only). */
    public record MountPoint(String type, String name, String source, String destination, boolean readWrite) {
    }
}
