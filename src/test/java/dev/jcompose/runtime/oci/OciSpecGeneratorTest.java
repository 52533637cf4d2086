package dev.jcompose.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OciSpecGeneratorTest {
    private static final Path ROOTFS = OciFixtures.ROOTFS;

    @Test
    void userMountOnADefaultDestinationReplacesIt() {
        ContainerConfig c = ContainerConfig.builder(ROOTFS, List.of("sh"))
                .addMount(MountSpec.Tmpfs.of("/dev/shm/")).build();
        List<JsonNode> shm = mounts(c).stream().filter(m -> m.path("destination").asText().equals("/dev/shm"))
                .toList();
        assertEquals(1, shm.size());
        assertEquals("tmpfs", shm.get(0).path("source").asText());
    }

    @Test
    void userDevMountReplacesEveryDefaultBelowDev() {
        ContainerConfig c = ContainerConfig.builder(ROOTFS, List.of("sh"))
                .addMount(MountSpec.Bind.of(Path.of("/dev"), "/dev", false)).build();
        List<String> destinations = mounts(c).stream().map(m -> m.path("destination").asText()).toList();
        assertEquals(List.of("/proc", "/sys", "/sys/fs/cgroup", "/dev"), destinations);
    }

    @Test
    void parentsAreMountedBeforeChildren() {
        ContainerConfig c = ContainerConfig.builder(ROOTFS, List.of("sh"))
                .addMount(MountSpec.Bind.of(Path.of("/a"), "/data/x/y", false))
                .addMount(MountSpec.Bind.of(Path.of("/b"), "/data", false))
                .addMount(MountSpec.Bind.of(Path.of("/c"), "/data/x", true)).build();
        List<String> user = mounts(c).stream().filter(m -> m.path("type").asText().equals("bind"))
                .map(m -> m.path("destination").asText()).toList();
        assertEquals(List.of("/data", "/data/x", "/data/x/y"), user);
    }

    @Test
    void cpusBecomeAQuotaOverAHundredMillisecondPeriod() {
        ContainerConfig c = ContainerConfig.builder(ROOTFS, List.of("sh"))
                .resources(ResourceLimits.builder().nanoCpus(250_000_000L).build()).build();
        JsonNode cpu = generate(c).path("linux").path("resources").path("cpu");
        assertEquals(25_000, cpu.path("quota").asLong());
        assertEquals(100_000, cpu.path("period").asLong());
    }

    @Test
    void hostNetworkGetsNoNetworkSysctlsAndNoNetworkNamespace() {
        ContainerConfig c = ContainerConfig.builder(ROOTFS, List.of("sh"))
                .namespaces(Namespaces.PRIVATE.withNetwork(NamespaceMode.HOST)).build();
        ObjectNode spec = generate(c);
        assertFalse(spec.path("linux").has("sysctl"));
        assertFalse(spec.path("linux").path("namespaces").toString().contains("network"));
    }

    @Test
    void cgroupV2HostsGetACgroupNamespace() {
        HostPlatform v2 = new HostPlatform("amd64", 6, 1, 40, true, Optional.empty());
        ObjectNode spec = new OciSpecGenerator(v2, SeccompPolicy.bundledDefault(), "/jcompose-test/")
                .generate("jct-a", ContainerConfig.builder(ROOTFS, List.of("sh")).build());
        assertTrue(spec.path("linux").path("namespaces").toString().contains("\"cgroup\""));
        assertEquals("/jcompose-test/jct-a", spec.path("linux").path("cgroupsPath").asText());
    }

    @Test
    void initWithoutAnInitBinaryIsAClearError() {
        HostPlatform none = new HostPlatform("amd64", 6, 1, 40, false, Optional.empty());
        ContainerConfig c = ContainerConfig.builder(ROOTFS, List.of("sh")).init(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OciSpecGenerator(none, SeccompPolicy.bundledDefault(), "/j").generate("jct-a", c));
        assertTrue(e.getMessage().contains("no static init"), e.getMessage());
    }

    @Test
    void badInputsAreRejectedWithTheReason() {
        List<String> messages = new ArrayList<>();
        List<Runnable> attempts = List.of(
                () -> ContainerConfig.builder(ROOTFS, List.of()).build(),
                () -> ContainerConfig.builder(ROOTFS, List.of("sh")).env(List.of("NOEQUALS")).build(),
                () -> ContainerConfig.builder(ROOTFS, List.of("sh")).cwd("relative").build(),
                () -> ContainerConfig.builder(Path.of("rel"), List.of("sh")).build(),
                () -> MountSpec.Bind.of(Path.of("/a"), "relative", false),
                () -> new Rlimit("nofiles", 1, 2),
                () -> new Rlimit("nofile", 3, 2),
                () -> ResourceLimits.builder().nanoCpus(1L).cpuQuota(1L, 2L).build(),
                () -> OciFixtures.generator().generate("../escape", OciFixtures.plain()));
        for (Runnable attempt : attempts) {
            messages.add(assertThrows(IllegalArgumentException.class, attempt::run).getMessage());
        }
        assertEquals(List.of("no command: a container needs at least one argument",
                "environment entry must be KEY=value: \"NOEQUALS\"",
                "working directory must be absolute: relative",
                "rootfs must be an absolute path: rel",
                "mount destination must be an absolute path: relative",
                "unknown ulimit type: nofiles",
                "ulimit RLIMIT_NOFILE: soft limit 3 exceeds hard limit 2",
                "cpus conflicts with cpu quota/period: set one or the other",
                "invalid container id: \"../escape\""), messages);
    }

    private static ObjectNode generate(ContainerConfig c) {
        return OciFixtures.generator().generate("jct-t", c);
    }

    private static List<JsonNode> mounts(ContainerConfig c) {
        List<JsonNode> out = new ArrayList<>();
        generate(c).path("mounts").forEach(out::add);
        return out;
    }
}
