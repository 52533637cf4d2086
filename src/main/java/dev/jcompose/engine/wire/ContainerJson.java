package dev.jcompose.engine.wire;

import static dev.jcompose.engine.wire.Json.bool;
import static dev.jcompose.engine.wire.Json.instant;
import static dev.jcompose.engine.wire.Json.keys;
import static dev.jcompose.engine.wire.Json.number;
import static dev.jcompose.engine.wire.Json.stringMap;
import static dev.jcompose.engine.wire.Json.strings;
import static dev.jcompose.engine.wire.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerInfo.Attachment;
import dev.jcompose.engine.ContainerInfo.MountPoint;
import dev.jcompose.engine.ContainerSpec.HealthcheckSpec;
import dev.jcompose.engine.ContainerSpec.RestartPolicy;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.PublishedPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /containers/{id}/json and GET /containers/json responses → SPI records. */
public final class ContainerJson {
    private ContainerJson() {
    }

    public static ContainerInfo info(JsonNode json) {
        JsonNode state = json.path("State");
        JsonNode config = json.path("Config");
        JsonNode host = json.path("HostConfig");
        ContainerInfo.Status status = new ContainerInfo.Status(ContainerState.parse(text(state, "Status")),
                (int) number(state, "ExitCode"), number(state, "Pid"), bool(state, "OOMKilled"),
                text(state, "Error"), instant(state, "StartedAt"), instant(state, "FinishedAt"),
                HealthStatus.parse(text(state.path("Health"), "Status")));
        JsonNode stopTimeout = config.get("StopTimeout");
        ContainerInfo.Config cfg = new ContainerInfo.Config(stringMap(config, "Labels"), strings(config, "Env"),
                strings(config, "Entrypoint"), strings(config, "Cmd"), text(config, "User"),
                text(config, "WorkingDir"), text(config, "Hostname"), text(config, "Domainname"),
                bool(config, "Tty"), bool(config, "OpenStdin"), text(config, "StopSignal"),
                stopTimeout == null || stopTimeout.isNull() ? null : stopTimeout.asInt(),
                keys(config, "ExposedPorts"), healthcheck(config.get("Healthcheck")));
        JsonNode restart = host.path("RestartPolicy");
        return new ContainerInfo(text(json, "Id"), stripSlash(text(json, "Name")), instant(json, "Created"),
                text(config, "Image"), text(json, "Image"), status, (int) number(json, "RestartCount"), cfg,
                new RestartPolicy(text(restart, "Name"), (int) number(restart, "MaximumRetryCount")),
                text(host, "NetworkMode"), attachments(json.path("NetworkSettings").path("Networks")),
                mountPoints(json.path("Mounts")), ports(json.path("NetworkSettings").path("Ports")));
    }

    /** Docker's Healthcheck object (container or image config); null when absent. */
    public static HealthcheckSpec healthcheck(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        JsonNode retries = node.get("Retries");
        return new HealthcheckSpec(strings(node, "Test"), Json.nanos(node, "Interval"), Json.nanos(node, "Timeout"),
                Json.nanos(node, "StartPeriod"), Json.nanos(node, "StartInterval"),
                retries == null || retries.isNull() ? null : retries.asInt());
    }

    public static ContainerSummary summary(JsonNode json) {
        List<String> names = strings(json, "Names");
        List<PublishedPort> ports = new ArrayList<>();
        for (JsonNode p : json.path("Ports")) {
            ports.add(new PublishedPort(text(p, "IP"), (int) number(p, "PublicPort"), (int) number(p, "PrivatePort"),
                    text(p, "Type")));
        }
        ports.sort(PORT_ORDER);
        List<String> networks = keys(json.path("NetworkSettings"), "Networks");
        Map<String, String> networkIds = new LinkedHashMap<>();
        json.path("NetworkSettings").path("Networks").properties()
                .forEach(e -> networkIds.put(e.getKey(), text(e.getValue(), "NetworkID")));
        // Legacy links add names like "/web/db_1": the container's own name is the one with a single slash.
        String name = names.stream().filter(n -> n.lastIndexOf('/') <= 0).findFirst()
                .orElse(names.isEmpty() ? "" : names.getFirst());
        return new ContainerSummary(text(json, "Id"), stripSlash(name),
                text(json, "Image"), text(json, "ImageID"), text(json, "Command"),
                ContainerState.parse(text(json, "State")), text(json, "Status"), stringMap(json, "Labels"),
                Json.epochSeconds(json, "Created"), ports, networks, networkIds, mountPoints(json.path("Mounts")));
    }

    private static final Comparator<PublishedPort> PORT_ORDER = Comparator.comparingInt(PublishedPort::containerPort)
            .thenComparing(PublishedPort::protocol).thenComparing(PublishedPort::hostIp)
            .thenComparingInt(PublishedPort::hostPort);

    private static Map<String, Attachment> attachments(JsonNode networks) {
        Map<String, Attachment> out = new LinkedHashMap<>();
        networks.properties().forEach(e -> {
            JsonNode n = e.getValue();
            out.put(e.getKey(), new Attachment(text(n, "NetworkID"), strings(n, "Aliases"), text(n, "IPAddress"),
                    text(n, "GlobalIPv6Address"), text(n, "MacAddress"), text(n, "Gateway")));
        });
        return out;
    }

    private static List<MountPoint> mountPoints(JsonNode mounts) {
        List<MountPoint> out = new ArrayList<>();
        for (JsonNode m : mounts) {
            out.add(new MountPoint(text(m, "Type"), text(m, "Name"), text(m, "Source"), text(m, "Destination"),
                    bool(m, "RW")));
        }
        return out;
    }

    /** NetworkSettings.Ports: {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}] | null}. */
    private static List<PublishedPort> ports(JsonNode ports) {
        List<PublishedPort> out = new ArrayList<>();
        ports.properties().forEach(e -> {
            String[] portProto = e.getKey().split("/", 2);
            int containerPort = Integer.parseInt(portProto[0]);
            String protocol = portProto.length > 1 ? portProto[1] : "tcp";
            if (e.getValue() == null || !e.getValue().isArray() || e.getValue().isEmpty()) {
                out.add(new PublishedPort("", 0, containerPort, protocol));
                return;
            }
            for (JsonNode b : e.getValue()) {
                String hostPort = text(b, "HostPort");
                out.add(new PublishedPort(text(b, "HostIp"), hostPort.isEmpty() ? 0 : Integer.parseInt(hostPort),
                        containerPort, protocol));
            }
        });
        out.sort(PORT_ORDER);
        return out;
    }

    static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
