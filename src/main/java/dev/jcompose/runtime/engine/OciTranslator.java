package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.oci.ContainerConfig;
import dev.jcompose.runtime.oci.DeviceNode;
import dev.jcompose.runtime.oci.MountSpec;
import dev.jcompose.runtime.oci.NamespaceMode;
import dev.jcompose.runtime.oci.Namespaces;
import dev.jcompose.runtime.oci.ResourceLimits;
import dev.jcompose.runtime.oci.Rlimit;
import dev.jcompose.runtime.oci.SecurityOptions;
import dev.jcompose.runtime.oci.UserSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Docker's Config + HostConfig of a container → the engine-neutral {@link ContainerConfig} the OCI generator
 * takes: command, environment, user, limits, security options, namespaces and mounts (engine files, binds,
 * volumes, tmpfs). Pure apart from stat'ing host devices.
 */
final class OciTranslator {
    private OciTranslator() {
    }

    /**
     * @param containerNamespace resolves {@code container:<name>} modes to the other container's PID 1
     */
    static ContainerConfig translate(ContainerRecord r, Path rootfs, Path containerDir, UserSpec user,
            NamespaceMode network, Function<String, Integer> containerNamespace) {
        ObjectNode config = r.config();
        JsonNode host = r.hostConfig();
        List<String> args = new ArrayList<>();
        args.add(r.path());
        args.addAll(r.args());
        List<String> env = new ArrayList<>(DockerJson.stringsOrEmpty(config, "Env").stream()
                .filter(e -> e.indexOf('=') > 0).toList());
        if (DockerJson.bool(config, "Tty") && env.stream().noneMatch(e -> e.startsWith("TERM="))) {
            env.add("TERM=xterm");
        }
        String cwd = DockerJson.text(config, "WorkingDir", "");
        Namespaces namespaces = Namespaces.PRIVATE.withNetwork(network)
                .withPid(mode(DockerJson.text(host, "PidMode", ""), "pid", containerNamespace))
                .withIpc(mode(DockerJson.text(host, "IpcMode", ""), "ipc", containerNamespace))
                .withUts(mode(DockerJson.text(host, "UTSMode", ""), "uts", containerNamespace));
        boolean readOnly = DockerJson.bool(host, "ReadonlyRootfs");
        ContainerConfig.Builder b = ContainerConfig.builder(rootfs, args)
                .stdio(new dev.jcompose.runtime.oci.ProcessStdio(DockerJson.bool(config, "Tty"),
                        DockerJson.bool(config, "OpenStdin"), DockerJson.bool(config, "StdinOnce")))
                .env(env)
                .cwd(cwd.isEmpty() ? "/" : cwd)
                .user(user)
                .rlimits(ulimits(host))
                .hostname(DockerJson.text(config, "Hostname", ""))
                .domainname(DockerJson.text(config, "Domainname", ""))
                .readonlyRootfs(readOnly)
                .mounts(mounts(r, containerDir, network instanceof NamespaceMode.Host))
                .security(security(host))
                .namespaces(namespaces)
                .sysctls(DockerJson.stringMap(host, "Sysctls"))
                .resources(resources(host))
                .init(DockerJson.bool(host, "Init"));
        Long oomScore = DockerJson.longOrNull(host, "OomScoreAdj");
        b.oomScoreAdj(oomScore == null || oomScore == 0 ? null : oomScore.intValue());
        Long shm = DockerJson.positiveOrNull(host, "ShmSize");
        if (shm != null) {
            b.shmSize(shm);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw RuntimeError.badRequest(e.getMessage());
        }
    }

    private static NamespaceMode mode(String value, String kind, Function<String, Integer> containerNamespace) {
        if (value.equals("host")) {
            return NamespaceMode.HOST;
        }
        if (value.startsWith("container:")) {
            int pid = containerNamespace.apply(value.substring("container:".length()));
            return NamespaceMode.join(Path.of("/proc", Integer.toString(pid), "ns", kind));
        }
        return NamespaceMode.PRIVATE;
    }

    private static List<Rlimit> ulimits(JsonNode host) {
        List<Rlimit> out = new ArrayList<>();
        for (JsonNode u : host.path("Ulimits")) {
            try {
                out.add(Rlimit.of(DockerJson.text(u, "Name", ""), u.path("Soft").asLong(), u.path("Hard").asLong()));
            } catch (IllegalArgumentException e) {
                throw RuntimeError.badRequest(e.getMessage());
            }
        }
        return out;
    }

    private static SecurityOptions security(JsonNode host) {
        SecurityOptions s = SecurityOptions.DEFAULT.withPrivileged(DockerJson.bool(host, "Privileged"))
                .withCaps(new HashSet<>(DockerJson.stringsOrEmpty(host, "CapAdd")),
                        new HashSet<>(DockerJson.stringsOrEmpty(host, "CapDrop")));
        for (String opt : DockerJson.stringsOrEmpty(host, "SecurityOpt")) {
            String o = opt.replace(':', '=').toLowerCase(Locale.ROOT);
            if (o.equals("no-new-privileges") || o.equals("no-new-privileges=true")) {
                s = s.withNoNewPrivileges(true);
            } else if (o.equals("seccomp=unconfined")) {
                s = s.withSeccomp(SecurityOptions.Seccomp.UNCONFINED);
            } else if (o.startsWith("seccomp=")) {
                throw RuntimeError.badRequest("custom seccomp profiles are not supported: " + opt);
            }
            // apparmor= and label= have no effect on this host (no AppArmor/SELinux), as with Debian's dockerd
        }
        return s;
    }

    static ResourceLimits resources(JsonNode host) {
        Long memory = DockerJson.positiveOrNull(host, "Memory");
        Long swap = DockerJson.longOrNull(host, "MemorySwap");
        Long pids = DockerJson.longOrNull(host, "PidsLimit");
        Long quota = DockerJson.positiveOrNull(host, "CpuQuota");
        Long period = DockerJson.positiveOrNull(host, "CpuPeriod");
        String cpuset = DockerJson.text(host, "CpusetCpus", "");
        try {
            return ResourceLimits.builder()
                    .memory(memory)
                    .memoryReservation(DockerJson.positiveOrNull(host, "MemoryReservation"))
                    .memorySwap(swap == null || swap == 0 || memory == null ? null : swap)
                    .cpuShares(DockerJson.positiveOrNull(host, "CpuShares"))
                    .nanoCpus(DockerJson.positiveOrNull(host, "NanoCpus"))
                    .cpuQuota(quota, period)
                    .cpusetCpus(cpuset.isEmpty() ? null : cpuset)
                    .pidsLimit(pids == null || pids <= 0 ? null : pids)
                    .devices(devices(host))
                    .build();
        } catch (IllegalArgumentException e) {
            throw RuntimeError.badRequest(e.getMessage());
        }
    }

    private static List<DeviceNode> devices(JsonNode host) {
        List<DeviceNode> out = new ArrayList<>();
        for (JsonNode d : host.path("Devices")) {
            String onHost = DockerJson.text(d, "PathOnHost", "");
            String inContainer = DockerJson.text(d, "PathInContainer", onHost);
            String access = DockerJson.text(d, "CgroupPermissions", "rwm");
            try {
                Map<String, Object> a = Files.readAttributes(Path.of(onHost), "unix:rdev,mode,uid,gid");
                int fileMode = (Integer) a.get("mode");
                long rdev = (Long) a.get("rdev");
                String type = switch (fileMode & 0170000) {
                    case 0020000 -> "c";
                    case 0060000 -> "b";
                    default -> throw RuntimeError.badRequest("error gathering device information while adding "
                            + "custom device \"" + onHost + "\": not a device node");
                };
                long major = ((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL);
                long minor = (rdev & 0xff) | ((rdev >> 12) & ~0xffL);
                out.add(new DeviceNode(inContainer, type, major, minor, fileMode & 07777, (Integer) a.get("uid"),
                        (Integer) a.get("gid"), access));
            } catch (IOException e) {
                throw RuntimeError.badRequest("error gathering device information while adding custom device \""
                        + onHost + "\": " + e.getMessage());
            }
        }
        return out;
    }

    /** Engine files first (unless the user mounts over them), then the container's mount points, then Tmpfs. */
    static List<MountSpec> mounts(ContainerRecord r, Path containerDir, boolean hostNetwork) {
        Set<String> taken = new LinkedHashSet<>();
        r.mounts().forEach(m -> taken.add(m.destination()));
        Map<String, String> tmpfs = DockerJson.stringMap(r.hostConfig(), "Tmpfs");
        taken.addAll(tmpfs.keySet());
        List<MountSpec> out = new ArrayList<>();
        Map<String, Path> engineFiles = Map.of("/etc/resolv.conf", EtcFiles.resolvConf(containerDir),
                "/etc/hostname", EtcFiles.hostname(containerDir), "/etc/hosts", EtcFiles.hosts(containerDir));
        for (String dest : List.of("/etc/resolv.conf", "/etc/hostname", "/etc/hosts")) {
            if (!taken.contains(dest)) {
                out.add(MountSpec.Bind.engineFile(engineFiles.get(dest), dest));
            }
        }
        for (MountPoint m : r.mounts()) {
            switch (m.type()) {
                case MountPoint.TMPFS -> out.add(tmpfs(m.destination(), m.tmpfsOptions(), !m.rw()));
                default -> out.add(new MountSpec.Bind(Path.of(m.source()), m.destination(), !m.rw(),
                        propagation(m.propagation()), true, false));
            }
        }
        tmpfs.forEach((dest, options) -> out.add(tmpfs(dest, options.isEmpty() ? List.of()
                : List.of(options.split(",")), false)));
        return out;
    }

    private static MountSpec.Propagation propagation(String value) {
        return value == null || value.isEmpty() ? MountSpec.Propagation.RPRIVATE
                : MountSpec.Propagation.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Docker's tmpfs options: size (k/m/g suffixes), mode (octal), ro; the rest passes through. */
    static MountSpec.Tmpfs tmpfs(String destination, List<String> options, boolean readOnly) {
        Long size = null;
        Integer mode = null;
        boolean ro = readOnly;
        List<String> extra = new ArrayList<>();
        for (String o : options) {
            if (o.startsWith("size=")) {
                size = bytes(o.substring(5));
            } else if (o.startsWith("mode=")) {
                mode = Integer.parseInt(o.substring(5), 8);
            } else if (o.equals("ro")) {
                ro = true;
            } else if (!o.equals("rw") && !o.isEmpty()) {
                extra.add(o);
            }
        }
        return new MountSpec.Tmpfs(destination, size, mode, ro, extra);
    }

    static long bytes(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? '0' : t.charAt(t.length() - 1);
        switch (last) {
            case 'k' -> unit = 1024;
            case 'm' -> unit = 1024 * 1024;
            case 'g' -> unit = 1024L * 1024 * 1024;
            default -> { }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return Long.parseLong(digits) * unit;
        } catch (NumberFormatException e) {
            throw RuntimeError.badRequest("invalid tmpfs size: " + text);
        }
    }
}
