package dev.jcompose.engine.wire;

import static dev.jcompose.engine.wire.Json.put;
import static dev.jcompose.engine.wire.Json.putMap;
import static dev.jcompose.engine.wire.Json.putNanos;
import static dev.jcompose.engine.wire.Json.putStrings;
import static dev.jcompose.engine.wire.Json.putTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerSpec.HealthcheckSpec;
import dev.jcompose.engine.ContainerSpec.MountSpec;
import dev.jcompose.engine.ContainerSpec.PortBinding;
import dev.jcompose.engine.ContainerSpec.Resources;
import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.engine.NetworkSpec;
import dev.jcompose.engine.VolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Request bodies of the create/connect endpoints (POST /containers/create, /networks/create, ...). */
public final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * The body of POST /containers/create. Only the first network goes in NetworkingConfig: API 1.41 accepts
     * one endpoint at create, the others are connected afterwards.
     */
    public static ObjectNode createContainer(ContainerSpec spec) {
        ObjectNode body = Json.object();
        put(body, "Hostname", spec.hostname());
        put(body, "Domainname", spec.domainname());
        put(body, "User", spec.user());
        body.put("AttachStdin", false);
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        putTrue(body, "Tty", spec.tty());
        putTrue(body, "OpenStdin", spec.stdinOpen());
        putTrue(body, "StdinOnce", spec.stdinOnce());
        putStrings(body, "Env", spec.env());
        if (spec.cmd() != null) {
            putArray(body, "Cmd", spec.cmd());
        }
        if (spec.entrypoint() != null) {
            putArray(body, "Entrypoint", spec.entrypoint());
        }
        body.put("Image", spec.image());
        putMap(body, "Labels", spec.labels());
        put(body, "WorkingDir", spec.workingDir());
        // dockerd publishes only exposed ports, so every bound port is exposed too (as `docker run -p` does).
        SortedSet<String> exposedPorts = new TreeSet<>(spec.exposedPorts());
        spec.portBindings().forEach(b -> exposedPorts.add(b.containerPortKey()));
        if (!exposedPorts.isEmpty()) {
            ObjectNode exposed = body.putObject("ExposedPorts");
            exposedPorts.forEach(exposed::putObject);
        }
        put(body, "StopSignal", spec.stopSignal());
        if (spec.stopTimeout() != null) {
            body.put("StopTimeout", spec.stopTimeout().toSeconds());
        }
        if (spec.healthcheck() != null) {
            body.set("Healthcheck", healthcheck(spec.healthcheck()));
        }
        body.set("HostConfig", hostConfig(spec));
        if (!spec.networks().isEmpty()) {
            EndpointSpec first = spec.networks().getFirst();
            body.putObject("NetworkingConfig").putObject("EndpointsConfig").set(first.network(), endpoint(first));
        }
        return body;
    }

    static ObjectNode healthcheck(HealthcheckSpec h) {
        ObjectNode node = Json.object();
        putArray(node, "Test", h.test());
        putNanos(node, "Interval", h.interval());
        putNanos(node, "Timeout", h.timeout());
        putNanos(node, "StartPeriod", h.startPeriod());
        putNanos(node, "StartInterval", h.startInterval());
        if (h.retries() != null) {
            node.put("Retries", h.retries());
        }
        return node;
    }

    private static ObjectNode hostConfig(ContainerSpec spec) {
        ObjectNode host = Json.object();
        String networkMode = spec.networkMode() != null ? spec.networkMode()
                : spec.networks().isEmpty() ? null : spec.networks().getFirst().network();
        put(host, "NetworkMode", networkMode);
        putTrue(host, "AutoRemove", spec.autoRemove());
        mounts(spec.mounts(), host);
        portBindings(spec.portBindings(), host);
        if (spec.restartPolicy() != null) {
            ObjectNode restart = host.putObject("RestartPolicy");
            restart.put("Name", spec.restartPolicy().name());
            restart.put("MaximumRetryCount", spec.restartPolicy().maxRetries());
        }
        if (spec.init() != null) {
            host.put("Init", spec.init());
        }
        putStrings(host, "CapAdd", spec.capAdd());
        putStrings(host, "CapDrop", spec.capDrop());
        putTrue(host, "Privileged", spec.privileged());
        putTrue(host, "ReadonlyRootfs", spec.readOnly());
        putMap(host, "Tmpfs", spec.tmpfs());
        putStrings(host, "ExtraHosts", spec.extraHosts());
        putStrings(host, "Dns", spec.dns());
        putStrings(host, "DnsSearch", spec.dnsSearch());
        putStrings(host, "DnsOptions", spec.dnsOptions());
        if (!spec.ulimits().isEmpty()) {
            ArrayNode ulimits = host.putArray("Ulimits");
            new TreeMap<>(spec.ulimits()).forEach((name, u) -> ulimits.addObject()
                    .put("Name", name).put("Soft", u.soft()).put("Hard", u.hard()));
        }
        putMap(host, "Sysctls", spec.sysctls());
        resources(spec.resources(), host);
        if (spec.logConfig() != null && spec.logConfig().driver() != null) {
            ObjectNode log = host.putObject("LogConfig");
            log.put("Type", spec.logConfig().driver());
            putMap(log, "Config", spec.logConfig().options());
        }
        putStrings(host, "SecurityOpt", spec.securityOpt());
        putStrings(host, "GroupAdd", spec.groupAdd());
        if (!spec.devices().isEmpty()) {
            ArrayNode devices = host.putArray("Devices");
            spec.devices().forEach(d -> devices.addObject().put("PathOnHost", d.pathOnHost())
                    .put("PathInContainer", d.pathInContainer()).put("CgroupPermissions", d.permissions()));
        }
        return host;
    }

    /**
     * Binds that may create their host path go in the legacy "Binds" list, because the Mounts API refuses a
     * missing source on 1.41 (compose does the same); everything else uses "Mounts".
     */
    private static void mounts(List<MountSpec> specs, ObjectNode host) {
        List<String> binds = new ArrayList<>();
        ArrayNode mounts = Json.array();
        for (MountSpec m : specs) {
            if (m.type() == MountSpec.Type.BIND && m.bindCreateHostPath()) {
                List<String> options = new ArrayList<>();
                if (m.readOnly()) {
                    options.add("ro");
                }
                if (m.bindPropagation() != null && !m.bindPropagation().isEmpty()) {
                    options.add(m.bindPropagation());
                }
                binds.add(m.source() + ":" + m.target() + (options.isEmpty() ? "" : ":" + String.join(",", options)));
                continue;
            }
            ObjectNode mount = mounts.addObject();
            mount.put("Type", m.type().name().toLowerCase(Locale.ROOT));
            put(mount, "Source", m.source());
            mount.put("Target", m.target());
            putTrue(mount, "ReadOnly", m.readOnly());
            switch (m.type()) {
                case BIND -> {
                    if (m.bindPropagation() != null && !m.bindPropagation().isEmpty()) {
                        mount.putObject("BindOptions").put("Propagation", m.bindPropagation());
                    }
                }
                case VOLUME -> {
                    if (m.volumeNoCopy()) {
                        mount.putObject("VolumeOptions").put("NoCopy", true);
                    }
                }
                case TMPFS -> {
                    if (m.tmpfsSizeBytes() != null || m.tmpfsMode() != null) {
                        ObjectNode tmpfs = mount.putObject("TmpfsOptions");
                        put(tmpfs, "SizeBytes", m.tmpfsSizeBytes());
                        if (m.tmpfsMode() != null) {
                            tmpfs.put("Mode", m.tmpfsMode());
                        }
                    }
                }
            }
        }
        putStrings(host, "Binds", binds);
        if (!mounts.isEmpty()) {
            host.set("Mounts", mounts);
        }
    }

    private static void portBindings(List<PortBinding> bindings, ObjectNode host) {
        if (bindings.isEmpty()) {
            return;
        }
        Map<String, List<PortBinding>> byPort = new TreeMap<>();
        bindings.forEach(b -> byPort.computeIfAbsent(b.containerPortKey(), k -> new ArrayList<>()).add(b));
        ObjectNode node = host.putObject("PortBindings");
        byPort.forEach((port, list) -> {
            ArrayNode array = node.putArray(port);
            list.forEach(b -> array.addObject().put("HostIp", b.hostIp()).put("HostPort", b.hostPort()));
        });
    }

    private static void resources(Resources r, ObjectNode host) {
        put(host, "Memory", r.memoryBytes());
        put(host, "MemoryReservation", r.memoryReservationBytes());
        put(host, "MemorySwap", r.memorySwapBytes());
        if (r.cpus() != null) {
            host.put("NanoCpus", Math.round(r.cpus() * 1e9));
        }
        put(host, "CpuShares", r.cpuShares());
        put(host, "PidsLimit", r.pidsLimit());
        put(host, "ShmSize", r.shmSizeBytes());
    }

    /** EndpointSettings: aliases and fixed addresses (IPAMConfig). */
    public static ObjectNode endpoint(EndpointSpec e) {
        ObjectNode node = Json.object();
        putStrings(node, "Aliases", e.aliases());
        if (e.ipv4Address() != null || e.ipv6Address() != null) {
            ObjectNode ipam = node.putObject("IPAMConfig");
            put(ipam, "IPv4Address", e.ipv4Address());
            put(ipam, "IPv6Address", e.ipv6Address());
        }
        return node;
    }

    /** The body of POST /networks/{id}/connect. */
    public static ObjectNode connect(String container, EndpointSpec e) {
        ObjectNode body = Json.object();
        body.put("Container", container);
        body.set("EndpointConfig", endpoint(e));
        return body;
    }

    /** The body of POST /networks/create; CheckDuplicate because dockerd 20.10 allows two networks per name. */
    public static ObjectNode createNetwork(NetworkSpec spec) {
        ObjectNode body = Json.object();
        body.put("Name", spec.name());
        body.put("CheckDuplicate", true);
        put(body, "Driver", spec.driver());
        putTrue(body, "Internal", spec.internal());
        putTrue(body, "Attachable", spec.attachable());
        putTrue(body, "EnableIPv6", spec.enableIpv6());
        NetworkSpec.Ipam ipam = spec.ipam();
        if (ipam.driver() != null || !ipam.pools().isEmpty() || !ipam.options().isEmpty()) {
            ObjectNode node = body.putObject("IPAM");
            put(node, "Driver", ipam.driver());
            if (!ipam.pools().isEmpty()) {
                ArrayNode pools = node.putArray("Config");
                for (NetworkSpec.Pool pool : ipam.pools()) {
                    ObjectNode p = pools.addObject();
                    put(p, "Subnet", pool.subnet());
                    put(p, "IPRange", pool.ipRange());
                    put(p, "Gateway", pool.gateway());
                    putMap(p, "AuxiliaryAddresses", pool.auxAddresses());
                }
            }
            putMap(node, "Options", ipam.options());
        }
        putMap(body, "Options", spec.options());
        putMap(body, "Labels", spec.labels());
        return body;
    }

    public static ObjectNode createVolume(VolumeSpec spec) {
        ObjectNode body = Json.object();
        put(body, "Name", spec.name());
        put(body, "Driver", spec.driver());
        putMap(body, "DriverOpts", spec.options());
        putMap(body, "Labels", spec.labels());
        return body;
    }

    private static void putArray(ObjectNode target, String field, List<String> values) {
        ArrayNode array = target.putArray(field);
        values.forEach(array::add);
    }
}
