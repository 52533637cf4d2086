package dev.jcompose.runtime.oci;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Generator inputs shared by the golden and property tests; a fixed host so outputs do not vary by machine. */
final class OciFixtures {
    static final HostPlatform HOST = new HostPlatform("amd64", 6, 1, 40, false,
            Optional.of(Path.of("/usr/bin/docker-init")));
    static final Path ROOTFS = Path.of("/var/lib/jcompose/snapshots/7/fs");

    private OciFixtures() {}

    static OciSpecGenerator generator() {
        return new OciSpecGenerator(HOST, SeccompPolicy.bundledDefault(), DockerDefaults.CGROUP_PARENT);
    }

    /** {@code docker run --name web busybox sleep 300} with engine-managed /etc files. */
    static ContainerConfig plain() {
        return ContainerConfig.builder(ROOTFS, List.of("sleep", "300"))
                .hostname("e904a759dfa3")
                .addMount(MountSpec.Bind.engineFile(Path.of("/var/lib/jcompose/containers/c1/hosts"), "/etc/hosts"))
                .build();
    }

    /** Most knobs at once: read-only rootfs, user, mounts, caps, no seccomp, joined netns, limits, init. */
    static ContainerConfig restricted() {
        return ContainerConfig.builder(ROOTFS, List.of("/app/server", "--port", "8080"))
                .env(List.of("PATH=/app/bin:/bin", "LANG=C.UTF-8", "EMPTY="))
                .cwd("/app")
                .user(new UserSpec(1000, 1000, List.of(10, 1000)))
                .rlimits(List.of(Rlimit.of("nproc", 512, 1024), Rlimit.of("nofile", 4096, 8192)))
                .oomScoreAdj(500)
                .hostname("api")
                .domainname("example.test")
                .readonlyRootfs(true)
                .addMount(MountSpec.Bind.of(Path.of("/srv/data"), "/app/data/cache", false))
                .addMount(new MountSpec.Bind(Path.of("/srv/conf"), "/app/conf", true,
                        MountSpec.Propagation.RSLAVE, false, false))
                .addMount(MountSpec.Bind.engineFile(Path.of("/var/lib/jcompose/containers/c2/resolv.conf"),
                        "/etc/resolv.conf"))
                .addMount(new MountSpec.Tmpfs("/run", 64L * 1024 * 1024, 0755, false, List.of()))
                .addMount(new MountSpec.Tmpfs("/dev/shm", 128L * 1024 * 1024, null, false, List.of("exec")))
                .security(SecurityOptions.DEFAULT.withCaps(Set.of("net_admin", "CAP_SYS_PTRACE"), Set.of("MKNOD"))
                        .withNoNewPrivileges(true).withSeccomp(SecurityOptions.Seccomp.UNCONFINED))
                .namespaces(Namespaces.PRIVATE.withNetwork(NamespaceMode.join(Path.of("/run/netns/jc-c2"))))
                .sysctls(Map.of("net.core.somaxconn", "1024", "net.ipv4.ip_unprivileged_port_start", "1024"))
                .resources(ResourceLimits.builder().memory(256L << 20).memoryReservation(128L << 20)
                        .nanoCpus(1_500_000_000L).cpuShares(512L).pidsLimit(100L)
                        .devices(List.of(new DeviceNode("/dev/fuse", "c", 10, 229, 0666, 0, 0, "rwm")))
                        .build())
                .init(true)
                .build();
    }

    /** {@code --privileged --network host --ipc host --pid host --uts host}: no hostname, host /dev/shm. */
    static ContainerConfig privilegedHost() {
        return ContainerConfig.builder(ROOTFS, List.of("sh"))
                .hostname("not-applied-with-host-uts")
                .security(SecurityOptions.DEFAULT.withPrivileged(true))
                .namespaces(new Namespaces(NamespaceMode.HOST, NamespaceMode.HOST, NamespaceMode.HOST,
                        NamespaceMode.HOST))
                .build();
    }
}
