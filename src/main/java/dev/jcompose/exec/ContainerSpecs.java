package dev.jcompose.exec;

import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerSpec.Device;
import dev.jcompose.engine.ContainerSpec.MountSpec;
import dev.jcompose.engine.ContainerSpec.PortBinding;
import dev.jcompose.engine.ContainerSpecBuilder;
import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.model.FileObject;
import dev.jcompose.model.FileReference;
import dev.jcompose.model.Healthcheck;
import dev.jcompose.model.Mount;
import dev.jcompose.model.PortSpec;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.model.ServiceNetwork;
import dev.jcompose.state.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Translates a service of the model into the engine's container spec: environment as KEY=VALUE, ports and
 * mounts in engine form, networks with their aliases (service name + declared aliases), network_mode
 * service:x resolved to the container of x. Pure: every engine lookup comes in through the arguments.
 */
public final class ContainerSpecs {
    private ContainerSpecs() {
    }

    /**
     * @param containerName  the name to create (a temporary name during a recreate)
     * @param labels         compose labels for the container (from the plan)
     * @param anonymousFrom  target → existing anonymous volume name to reuse (recreate without -V)
     * @param containerOf    service name → id of its running container, for network_mode/volumes_from service:x
     */
    public static ContainerSpec of(Project project, Service service, String containerName, Map<String, String> labels,
            Map<String, String> anonymousFrom, Function<String, String> containerOf) {
        String image = service.image() != null ? service.image() : Names.defaultImage(project.name(), service.name());
        ContainerSpecBuilder b = ContainerSpec.builder(containerName, image);
        b.entrypoint(service.entrypoint()).cmd(service.command());
        List<String> env = new ArrayList<>();
        service.environment().forEach((k, v) -> env.add(v == null ? k : k + "=" + v));
        b.env(env);
        Map<String, String> allLabels = new LinkedHashMap<>(service.labels());
        allLabels.putAll(labels);
        b.labels(allLabels);
        b.user(service.user()).workingDir(service.workingDir()).hostname(service.hostname())
                .domainname(service.domainname());
        ports(service, b);
        b.mounts(mounts(project, service, anonymousFrom));
        network(project, service, containerName, b, containerOf);
        b.restartPolicy(restart(service.restart()));
        b.stopSignal(service.stopSignal());
        b.stopTimeout(service.stopGracePeriod());
        b.init(service.init());
        b.healthcheck(healthcheck(service.healthcheck()));
        b.capAdd(service.capAdd()).capDrop(service.capDrop()).privileged(service.privileged())
                .readOnly(service.readOnly());
        b.tmpfs(tmpfs(service.tmpfs()));
        b.extraHosts(service.extraHosts().stream().map(ContainerSpecs::extraHost).toList());
        b.dns(service.dns()).dnsSearch(service.dnsSearch()).dnsOptions(service.dnsOpt());
        Map<String, ContainerSpec.Ulimit> ulimits = new LinkedHashMap<>();
        service.ulimits().forEach((k, u) -> ulimits.put(k, new ContainerSpec.Ulimit(u.soft(), u.hard())));
        b.ulimits(ulimits).sysctls(service.sysctls());
        var r = service.resources();
        b.resources(new ContainerSpec.Resources(r.memoryBytes(), r.memoryReservationBytes(), null, r.cpus(),
                r.cpuShares(), r.pidsLimit(), r.shmSizeBytes()));
        if (service.logging() != null) {
            b.logConfig(new ContainerSpec.LogConfig(service.logging().driver(), service.logging().options()));
        }
        b.tty(service.tty()).stdinOpen(service.stdinOpen()).securityOpt(service.securityOpt())
                .groupAdd(service.groupAdd());
        b.devices(service.devices().stream().map(ContainerSpecs::device).toList());
        return b.build();
    }

    private static void ports(Service service, ContainerSpecBuilder b) {
        Set<String> exposed = new LinkedHashSet<>();
        for (String e : service.expose()) {
            exposed.add(e.contains("/") ? e : e + "/tcp");
        }
        List<PortBinding> bindings = new ArrayList<>();
        for (PortSpec p : service.ports()) {
            exposed.add(p.target() + "/" + p.protocol());
            bindings.add(new PortBinding(p.hostIp(), p.published(), p.target(), p.protocol()));
        }
        b.exposedPorts(List.copyOf(exposed)).portBindings(bindings);
    }

    static List<MountSpec> mounts(Project project, Service service, Map<String, String> anonymousFrom) {
        List<MountSpec> out = new ArrayList<>();
        for (Mount m : service.volumes()) {
            switch (m.type()) {
                case "bind" -> out.add(new MountSpec(MountSpec.Type.BIND, m.source(), m.target(), m.readOnly(),
                        m.bindPropagation(), m.bindCreateHostPath() == null || m.bindCreateHostPath(), false, null,
                        null));
                case "tmpfs" -> out.add(new MountSpec(MountSpec.Type.TMPFS, null, m.target(), m.readOnly(), null,
                        false, false, m.tmpfsSize(), m.tmpfsMode()));
                default -> {
                    String name;
                    if (m.isAnonymousVolume()) {
                        name = anonymousFrom.get(m.target()); // null: the engine makes a new one
                    } else {
                        var v = project.volumes().get(m.source());
                        name = v != null ? v.name() : m.source();
                    }
                    out.add(new MountSpec(MountSpec.Type.VOLUME, name, m.target(), m.readOnly(), null, false,
                            Boolean.TRUE.equals(m.volumeNocopy()), null, null));
                }
            }
        }
        // File-based secrets and configs are bind mounts, as docker compose does for local projects.
        for (FileReference ref : service.secrets()) {
            bindFile(project.secrets().get(ref.source()), ref,
                    ref.target() == null ? "/run/secrets/" + ref.source()
                            : ref.target().startsWith("/") ? ref.target() : "/run/secrets/" + ref.target(), out);
        }
        for (FileReference ref : service.configs()) {
            bindFile(project.configs().get(ref.source()), ref,
                    ref.target() == null ? "/" + ref.source() : ref.target(), out);
        }
        return out;
    }

    private static void bindFile(FileObject obj, FileReference ref, String target, List<MountSpec> out) {
        if (obj != null && obj.file() != null) {
            out.add(MountSpec.bind(obj.file(), target, true));
        }
    }

    private static void network(Project project, Service service, String containerName, ContainerSpecBuilder b,
            Function<String, String> containerOf) {
        String mode = service.networkMode();
        if (mode != null && !mode.isEmpty()) {
            if (mode.startsWith("service:")) {
                String id = containerOf.apply(mode.substring("service:".length()));
                b.networkMode("container:" + id);
            } else {
                b.networkMode(mode);
            }
            return;
        }
        List<Map.Entry<String, ServiceNetwork>> nets = new ArrayList<>(service.networks().entrySet());
        // Highest priority first (compose attaches in that order), then by name for determinism.
        nets.sort(Comparator.comparingInt((Map.Entry<String, ServiceNetwork> e) -> -e.getValue().priority())
                .thenComparing(Map.Entry::getKey));
        for (var e : nets) {
            var network = project.networks().get(e.getKey());
            String name = network != null ? network.name() : e.getKey();
            List<String> aliases = new ArrayList<>();
            aliases.add(service.name());
            for (String a : e.getValue().aliases()) {
                if (!aliases.contains(a)) {
                    aliases.add(a);
                }
            }
            b.network(new EndpointSpec(name, aliases, e.getValue().ipv4Address(), e.getValue().ipv6Address()));
        }
    }

    static ContainerSpec.RestartPolicy restart(String restart) {
        if (restart == null || restart.isEmpty() || restart.equals("no")) {
            return ContainerSpec.RestartPolicy.NO;
        }
        if (restart.startsWith("on-failure")) {
            int i = restart.indexOf(':');
            return new ContainerSpec.RestartPolicy("on-failure", i < 0 ? 0 : Integer.parseInt(restart.substring(i + 1)));
        }
        return new ContainerSpec.RestartPolicy(restart, 0);
    }

    static ContainerSpec.HealthcheckSpec healthcheck(Healthcheck h) {
        if (h == null) {
            return null;
        }
        if (h.disable()) {
            return new ContainerSpec.HealthcheckSpec(List.of("NONE"), null, null, null, null, null);
        }
        return new ContainerSpec.HealthcheckSpec(h.test(), h.interval(), h.timeout(), h.startPeriod(),
                h.startInterval(), h.retries());
    }

    /** tmpfs entries "path" or "path:opts" → Docker's map form. */
    static Map<String, String> tmpfs(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : entries) {
            int i = t.indexOf(':');
            out.put(i < 0 ? t : t.substring(0, i), i < 0 ? "" : t.substring(i + 1));
        }
        return out;
    }

    /** compose writes "host=ip" (or "host:ip"); the engine wants "host:ip". */
    static String extraHost(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq) + ":" + entry.substring(eq + 1);
    }

    static Device device(String spec) {
        String[] p = spec.split(":");
        return new Device(p[0], p.length > 1 ? p[1] : null, p.length > 2 ? p[2] : null);
    }

    /** The stop timeout the engine should use: the grace period, default 10 s. */
    public static Duration stopTimeout(Service s) {
        return s == null ? Service.DEFAULT_STOP_GRACE : s.stopGracePeriodOrDefault();
    }
}
