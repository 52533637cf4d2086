package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.ContainerRecord;
import dev.jcompose.runtime.engine.DockerJson;
import dev.jcompose.runtime.engine.EtcFiles;
import dev.jcompose.runtime.engine.HealthRecord;
import dev.jcompose.runtime.engine.MountPoint;
import dev.jcompose.runtime.engine.NetworkSetup;
import dev.jcompose.runtime.engine.StateRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Docker's JSON shapes of a container: the inspect document and the list summary. */
final class ContainerViews {
    private final ContainerEngine engine;
    private final Path containersDir;
    private final Clock clock;

    ContainerViews(ContainerEngine engine, Path containersDir, Clock clock) {
        this.engine = engine;
        this.containersDir = containersDir;
        this.clock = clock;
    }

    /** GET /containers/{id}/json. */
    ObjectNode inspect(ContainerRecord r) {
        Path dir = containersDir.resolve(r.id());
        ObjectNode o = DockerJson.object();
        o.put("Id", r.id());
        o.put("Created", r.created());
        o.put("Path", r.path());
        o.set("Args", DockerJson.array(r.args()));
        o.set("State", state(r.state()));
        o.put("Image", r.imageId());
        o.put("ResolvConfPath", EtcFiles.resolvConf(dir).toString());
        o.put("HostnamePath", EtcFiles.hostname(dir).toString());
        o.put("HostsPath", EtcFiles.hosts(dir).toString());
        o.put("LogPath", dir.resolve("logs").resolve("container.log").toString());
        o.put("Name", "/" + r.name());
        o.put("RestartCount", r.restartCount());
        o.put("Driver", "overlay2");
        o.put("Platform", "linux");
        o.put("MountLabel", "");
        o.put("ProcessLabel", "");
        o.put("AppArmorProfile", "");
        List<String> execs = engine.execIds(r.id());
        if (execs.isEmpty()) {
            o.putNull("ExecIDs");
        } else {
            o.set("ExecIDs", DockerJson.array(execs));
        }
        o.set("HostConfig", hostConfig(r.hostConfig()));
        ObjectNode graph = o.putObject("GraphDriver");
        graph.put("Name", "overlay2");
        graph.putObject("Data").put("MergedDir", dir.resolve("rootfs").toString());
        o.set("Mounts", mounts(r.mounts()));
        o.set("Config", r.config());
        o.set("NetworkSettings", networkSettings(r));
        return o;
    }

    private static ObjectNode state(StateRecord s) {
        ObjectNode o = DockerJson.object();
        o.put("Status", s.status());
        o.put("Running", s.running());
        o.put("Paused", s.paused());
        o.put("Restarting", StateRecord.RESTARTING.equals(s.status()));
        o.put("OOMKilled", s.oomKilled());
        o.put("Dead", StateRecord.DEAD.equals(s.status()));
        o.put("Pid", s.pid());
        o.put("ExitCode", s.exitCode());
        o.put("Error", s.error() == null ? "" : s.error());
        o.put("StartedAt", s.startedAt() == null ? DockerJson.ZERO_TIME : s.startedAt());
        o.put("FinishedAt", s.finishedAt() == null ? DockerJson.ZERO_TIME : s.finishedAt());
        if (s.health() != null) {
            o.set("Health", DockerJson.MAPPER.valueToTree(s.health()));
        }
        return o;
    }

    /** The stored HostConfig with the defaults dockerd fills in and clients read (LogConfig above all). */
    private static ObjectNode hostConfig(ObjectNode stored) {
        ObjectNode h = stored.deepCopy();
        if (!h.path("LogConfig").isObject() || DockerJson.text(h.get("LogConfig"), "Type", "").isEmpty()) {
            ObjectNode log = h.putObject("LogConfig");
            log.put("Type", "json-file");
            log.putObject("Config");
        }
        for (String list : List.of("Binds", "Links", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "CapAdd",
                "CapDrop", "SecurityOpt", "VolumesFrom", "GroupAdd")) {
            if (!h.has(list)) {
                h.putNull(list);
            }
        }
        if (!h.has("PortBindings")) {
            h.putObject("PortBindings");
        }
        for (String flag : List.of("AutoRemove", "Privileged", "PublishAllPorts", "ReadonlyRootfs")) {
            if (!h.has(flag)) {
                h.put(flag, false);
            }
        }
        for (String number : List.of("Memory", "NanoCpus", "CpuShares", "MemorySwap", "ShmSize")) {
            if (!h.has(number)) {
                h.put(number, number.equals("ShmSize") ? 67108864L : 0L);
            }
        }
        return h;
    }

    static ArrayNode mounts(List<MountPoint> mounts) {
        ArrayNode a = DockerJson.MAPPER.createArrayNode();
        for (MountPoint m : mounts) {
            ObjectNode o = a.addObject();
            o.put("Type", m.type());
            if (m.isVolume()) {
                o.put("Name", m.name());
            }
            o.put("Source", m.source());
            o.put("Destination", m.destination());
            if (m.isVolume()) {
                o.put("Driver", m.driver());
            }
            o.put("Mode", m.mode());
            o.put("RW", m.rw());
            o.put("Propagation", m.propagation());
        }
        return a;
    }

    private ObjectNode networkSettings(ContainerRecord r) {
        NetworkSetup setup = engine.networkSetup(r.id()).orElse(null);
        ObjectNode n = DockerJson.object();
        n.put("Bridge", "");
        n.put("SandboxID", setup == null ? "" : r.id());
        n.put("HairpinMode", false);
        n.put("LinkLocalIPv6Address", "");
        n.put("LinkLocalIPv6PrefixLen", 0);
        n.set("Ports", ports(r, setup));
        n.put("SandboxKey", setup == null || r.state().pid() <= 0 ? ""
                : "/proc/" + r.state().pid() + "/ns/net");
        n.putNull("SecondaryIPAddresses");
        n.putNull("SecondaryIPv6Addresses");
        ObjectNode networks = networks(r, setup);
        JsonNode primary = networks.size() == 1 ? networks.elements().next() : DockerJson.object();
        n.put("EndpointID", DockerJson.text(primary, "EndpointID", ""));
        n.put("Gateway", DockerJson.text(primary, "Gateway", ""));
        n.put("GlobalIPv6Address", "");
        n.put("GlobalIPv6PrefixLen", 0);
        n.put("IPAddress", DockerJson.text(primary, "IPAddress", ""));
        n.put("IPPrefixLen", primary.path("IPPrefixLen").asInt(0));
        n.put("IPv6Gateway", "");
        n.put("MacAddress", DockerJson.text(primary, "MacAddress", ""));
        n.set("Networks", networks);
        return n;
    }

    /** Running: what networking did; otherwise what was asked (addresses empty), like a stopped Docker container. */
    ObjectNode networks(ContainerRecord r, NetworkSetup setup) {
        ObjectNode out = DockerJson.object();
        Map<String, JsonNode> requested = new TreeMap<>();
        r.networkingConfig().path("EndpointsConfig").properties().forEach(e -> requested.put(e.getKey(), e.getValue()));
        String mode = DockerJson.text(r.hostConfig(), "NetworkMode", "default");
        String primary = mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
        if (!primary.startsWith("container:")) {
            requested.putIfAbsent(primary, DockerJson.object());
        }
        requested.forEach((name, asked) -> {
            NetworkSetup.EndpointSettings s = setup == null ? null : setup.networks().get(name);
            ObjectNode e = out.putObject(name);
            JsonNode ipam = asked.path("IPAMConfig");
            if (ipam.isObject()) {
                e.set("IPAMConfig", ipam);
            } else {
                e.putNull("IPAMConfig");
            }
            e.putNull("Links");
            List<String> aliases = s != null ? s.aliases() : DockerJson.stringsOrEmpty(asked, "Aliases");
            if (aliases.isEmpty()) {
                e.putNull("Aliases");
            } else {
                e.set("Aliases", DockerJson.array(aliases));
            }
            e.put("NetworkID", s == null ? "" : s.networkId());
            e.put("EndpointID", s == null ? "" : s.endpointId());
            e.put("Gateway", s == null ? "" : s.gateway());
            e.put("IPAddress", s == null ? "" : s.ipAddress());
            e.put("IPPrefixLen", s == null ? 0 : s.ipPrefixLen());
            e.put("IPv6Gateway", "");
            e.put("GlobalIPv6Address", "");
            e.put("GlobalIPv6PrefixLen", 0);
            e.put("MacAddress", s == null ? "" : s.macAddress());
            e.putNull("DriverOpts");
        });
        return out;
    }

    /** NetworkSettings.Ports: exposed ports map to their bindings (null when unpublished); empty when stopped. */
    private static ObjectNode ports(ContainerRecord r, NetworkSetup setup) {
        ObjectNode out = DockerJson.object();
        if (setup == null) {
            return out;
        }
        r.config().path("ExposedPorts").fieldNames().forEachRemaining(out::putNull);
        for (NetworkSetup.PublishedPort p : setup.ports()) {
            String key = p.containerPort() + "/" + p.protocol();
            ArrayNode list = out.path(key).isArray() ? (ArrayNode) out.get(key) : out.putArray(key);
            list.addObject().put("HostIp", p.hostIp()).put("HostPort", Integer.toString(p.hostPort()));
        }
        return out;
    }

    /** GET /containers/json row. */
    ObjectNode summary(ContainerRecord r) {
        NetworkSetup setup = engine.networkSetup(r.id()).orElse(null);
        ObjectNode o = DockerJson.object();
        o.put("Id", r.id());
        o.set("Names", DockerJson.array(List.of("/" + r.name())));
        o.put("Image", r.imageName());
        o.put("ImageID", r.imageId());
        o.put("Command", command(r));
        o.put("Created", Instant.parse(r.created()).getEpochSecond());
        ArrayNode ports = o.putArray("Ports");
        if (setup != null) {
            List<String> published = new ArrayList<>();
            for (NetworkSetup.PublishedPort p : setup.ports()) {
                published.add(p.containerPort() + "/" + p.protocol());
                ports.addObject().put("IP", p.hostIp()).put("PrivatePort", p.containerPort())
                        .put("PublicPort", p.hostPort()).put("Type", p.protocol());
            }
            r.config().path("ExposedPorts").fieldNames().forEachRemaining(key -> {
                if (!published.contains(key)) {
                    String[] pp = key.split("/");
                    ports.addObject().put("PrivatePort", Integer.parseInt(pp[0]))
                            .put("Type", pp.length > 1 ? pp[1] : "tcp");
                }
            });
        }
        o.set("Labels", r.config().path("Labels").isObject() ? r.config().get("Labels") : DockerJson.object());
        o.put("State", r.state().status());
        o.put("Status", status(r));
        o.putObject("HostConfig").put("NetworkMode", DockerJson.text(r.hostConfig(), "NetworkMode", "default"));
        o.putObject("NetworkSettings").set("Networks", networks(r, setup));
        o.set("Mounts", mounts(r.mounts()));
        return o;
    }

    /** Docker's Command column: path and args, args holding a space quoted. */
    static String command(ContainerRecord r) {
        StringBuilder b = new StringBuilder(r.path());
        for (String a : r.args()) {
            b.append(' ').append(a.contains(" ") ? "'" + a + "'" : a);
        }
        return b.toString();
    }

    /** Docker's Status column. */
    String status(ContainerRecord r) {
        StateRecord s = r.state();
        Instant now = clock.instant();
        switch (s.status()) {
            case StateRecord.RUNNING, StateRecord.PAUSED -> {
                String up = "Up " + HumanTime.duration(Duration.between(Instant.parse(s.startedAt()), now));
                if (s.paused()) {
                    return up + " (Paused)";
                }
                HealthRecord h = s.health();
                return h == null ? up : up + " (" + (h.status().equals(HealthRecord.STARTING) ? "health: starting"
                        : h.status()) + ")";
            }
            case StateRecord.RESTARTING -> {
                return "Restarting (" + s.exitCode() + ") " + ago(s.finishedAt(), now);
            }
            case StateRecord.DEAD -> {
                return "Dead";
            }
            case StateRecord.REMOVING -> {
                return "Removal In Progress";
            }
            default -> {
                if (s.startedAt() == null) {
                    return "Created";
                }
                return s.finishedAt() == null ? "" : "Exited (" + s.exitCode() + ") " + ago(s.finishedAt(), now);
            }
        }
    }

    private static String ago(String time, Instant now) {
        return HumanTime.duration(Duration.between(Instant.parse(time), now)) + " ago";
    }
}
