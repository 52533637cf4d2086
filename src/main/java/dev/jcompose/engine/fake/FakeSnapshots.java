package dev.jcompose.engine.fake;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerInfo.Attachment;
import dev.jcompose.engine.ContainerInfo.MountPoint;
import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerSpec.MountSpec;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Immutable views of a fake container, with image defaults merged the way dockerd merges them. */
final class FakeSnapshots {
    private FakeSnapshots() {
    }

    static ContainerInfo info(FakeContainer c, FakeNetworks networks) {
        ContainerSpec spec = c.spec;
        ImageConfig image = c.image.config();
        Map<String, String> labels = new LinkedHashMap<>(image.labels());
        labels.putAll(spec.labels());
        List<String> entrypoint = spec.entrypoint() != null ? spec.entrypoint() : image.entrypoint();
        // An entrypoint set on the container drops the image's CMD, as in Docker.
        List<String> cmd = spec.cmd() != null ? spec.cmd() : spec.entrypoint() != null ? List.of() : image.cmd();
        LinkedHashSet<String> exposed = new LinkedHashSet<>(image.exposedPorts());
        exposed.addAll(spec.exposedPorts());
        spec.portBindings().forEach(p -> exposed.add(p.containerPortKey()));
        ContainerInfo.Config config = new ContainerInfo.Config(labels, mergeEnv(image.env(), spec.env()), entrypoint,
                cmd, or(spec.user(), image.user()), or(spec.workingDir(), image.workingDir()),
                or(spec.hostname(), c.shortId()), or(spec.domainname(), ""), spec.tty(), spec.stdinOpen(),
                or(spec.stopSignal(), image.stopSignal()),
                spec.stopTimeout() == null ? null : (int) spec.stopTimeout().toSeconds(), List.copyOf(exposed),
                spec.healthcheck() != null ? spec.healthcheck() : image.healthcheck());
        ContainerInfo.Status status = new ContainerInfo.Status(c.state, c.exitCode, c.pid, false, "", c.startedAt,
                c.finishedAt, c.health);
        String networkMode = spec.networkMode() != null ? spec.networkMode()
                : spec.networks().isEmpty() ? "default" : spec.networks().getFirst().network();
        return new ContainerInfo(c.id, c.name, c.created, spec.image(), c.image.id(), status, c.restartCount, config,
                spec.restartPolicy() == null ? ContainerSpec.RestartPolicy.NO : spec.restartPolicy(), networkMode,
                attachments(c, networks), mounts(c), c.published);
    }

    private static Map<String, Attachment> attachments(FakeContainer c, FakeNetworks networks) {
        Map<String, Attachment> out = new LinkedHashMap<>();
        for (EndpointSpec e : c.endpoints.values()) {
            FakeNetwork n = networks.byName(e.network());
            String ip = c.addresses.getOrDefault(e.network(), "");
            List<String> aliases = new ArrayList<>(e.aliases());
            // dockerd adds the short id as an alias on user-defined networks at the first start.
            if (c.startedAt != null && n != null && !FakeNetworks.PREDEFINED.contains(n.name)
                    && !aliases.contains(c.shortId())) {
                aliases.add(c.shortId());
            }
            out.put(e.network(), new Attachment(n == null ? "" : n.id, aliases, ip, "",
                    ip.isEmpty() ? "" : FakeNetworks.mac(ip), ip.isEmpty() || n == null ? "" : n.subnet.gateway()));
        }
        return out;
    }

    private static List<MountPoint> mounts(FakeContainer c) {
        List<MountPoint> out = new ArrayList<>();
        for (MountSpec m : c.spec.mounts()) {
            switch (m.type()) {
                case VOLUME -> {
                    String name = c.volumeMounts.get(m.target());
                    out.add(new MountPoint("volume", name, "/var/lib/docker/volumes/" + name + "/_data", m.target(),
                            !m.readOnly()));
                }
                case BIND -> out.add(new MountPoint("bind", "", m.source(), m.target(), !m.readOnly()));
                case TMPFS -> out.add(new MountPoint("tmpfs", "", "", m.target(), true));
            }
        }
        c.volumeMounts.forEach((target, name) -> {
            if (out.stream().noneMatch(p -> p.destination().equals(target))) {
                out.add(new MountPoint("volume", name, "/var/lib/docker/volumes/" + name + "/_data", target, true));
            }
        });
        return out;
    }

    static ContainerSummary summary(FakeContainer c, ContainerInfo info) {
        List<String> command = new ArrayList<>();
        // dockerd's list shows arguments containing a space in single quotes: sh -c 'echo hi'
        java.util.stream.Stream.concat(info.config().entrypoint().stream(), info.config().cmd().stream())
                .forEach(arg -> command.add(command.isEmpty() || !arg.contains(" ") ? arg : "'" + arg + "'"));
        return new ContainerSummary(c.id, c.name, c.spec.image(), c.image.id(), String.join(" ", command), c.state,
                statusText(c), info.config().labels(), c.created, c.published, List.copyOf(c.endpoints.keySet()),
                networkIds(info), info.mounts());
    }

    private static Map<String, String> networkIds(ContainerInfo info) {
        Map<String, String> out = new LinkedHashMap<>();
        info.networks().forEach((name, attachment) -> out.put(name, attachment.networkId()));
        return out;
    }

    /** `docker ps` STATUS without the elapsed time, which a fake clock would make meaningless. */
    static String statusText(FakeContainer c) {
        return switch (c.state) {
            case CREATED -> "Created";
            case RUNNING -> "Up" + (c.health == HealthStatus.NONE ? "" : " (" + c.health.wireName() + ")");
            case PAUSED -> "Up (Paused)";
            case RESTARTING -> "Restarting (" + c.exitCode + ")";
            case EXITED -> "Exited (" + c.exitCode + ")";
            case REMOVING -> "Removal In Progress";
            case DEAD -> "Dead";
        };
    }

    /** As dockerd merges: the container's entries first, then image entries for keys the container lacks. */
    private static List<String> mergeEnv(List<String> image, List<String> container) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String entry : container) {
            byKey.put(entry.split("=", 2)[0], entry);
        }
        for (String entry : image) {
            byKey.putIfAbsent(entry.split("=", 2)[0], entry);
        }
        return List.copyOf(byKey.values());
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
