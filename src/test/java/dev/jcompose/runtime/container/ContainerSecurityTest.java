package dev.jcompose.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.oci.ContainerConfig;
import dev.jcompose.runtime.oci.MountSpec;
import dev.jcompose.runtime.oci.ResourceLimits;
import dev.jcompose.runtime.oci.SecurityOptions;
import dev.jcompose.runtime.oci.UserSpec;
import dev.jcompose.runtime.runc.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Docker's default security profile and resource limits, observed from inside real containers. */
@Tag("root")
class ContainerSecurityTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private RuncTestBed bed;

    @BeforeEach
    void setUp() throws IOException {
        RuncTestBed.assumeHost();
        assumeTrue(RuncTestBed.hasConmon(), "needs conmon (apt-get install conmon)");
        bed = new RuncTestBed(true);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void pid1HasDockersCapabilitiesSeccompAndNoNewPrivs() throws IOException {
        Map<String, String> status = statusFields(output(bed.config("cat", "/proc/1/status").build()));
        for (String set : List.of("CapPrm", "CapEff", "CapBnd")) {
            assertEquals("00000000a80425fb", status.get(set), set);
        }
        assertEquals("0000000000000000", status.get("CapInh"));
        assertEquals("0000000000000000", status.get("CapAmb"));
        assertEquals("2", status.get("Seccomp"), "seccomp filter mode");
        assertEquals("0", status.get("NoNewPrivs"));
    }

    @Test
    void namespaceAndMountSyscallsAreRefused() throws IOException {
        String out = output(bed.config("sh", "-c", "unshare -r true; echo unshare-user=$?; "
                + "unshare -n true; echo unshare-net=$?; mount -t tmpfs none /mnt; echo mount=$?; "
                + "echo 1 > /proc/sys/kernel/ns_last_pid; echo procsys=$?; wc -c < /proc/keys; "
                + "ls /sys/firmware | wc -l; cat /proc/sys/net/ipv4/ping_group_range").build());
        for (String probe : List.of("unshare-user", "unshare-net", "mount", "procsys")) {
            assertTrue(out.contains(probe + "=1\n"), probe + " must fail: " + out);
        }
        assertTrue(out.endsWith("0\n0\n0\t2147483647\n"), "masked /proc/keys, /sys/firmware; sysctl: " + out);
    }

    @Test
    void deviceCgroupAllowsNullButNotADisk() throws IOException {
        String out = output(bed.config("sh", "-c", "echo x > /dev/null; echo null=$?; mknod /tmp/disk b 8 0; "
                + "echo mknod=$?; head -c 1 /tmp/disk > /dev/null; echo read=$?").build());
        assertTrue(out.contains("null=0\n") && out.contains("mknod=0\n") && out.contains("read=1\n"), out);
    }

    @Test
    void sysAdminCapabilityOpensMountAgain() throws IOException {
        ContainerConfig c = bed.config("sh", "-c", "mount -t tmpfs none /mnt; echo mount=$?")
                .security(SecurityOptions.DEFAULT.withCaps(Set.of("SYS_ADMIN"), Set.of())).build();
        assertEquals("mount=0\n", output(c));
    }

    @Test
    void userAndReadOnlyRootfsApply() throws IOException {
                // runc gives a tmpfs the mode of the directory it covers; mode= applies where there is none (/scratch)
        ContainerConfig c = bed.config("sh", "-c", "id; touch /x; echo rootfs=$?; touch /scratch/x; echo tmp=$?")
                .user(new UserSpec(1000, 1000, List.of(1001))).readonlyRootfs(true)
                .addMount(new MountSpec.Tmpfs("/scratch", 1L << 20, 01777, false, List.of())).build();
        String out = output(c);
        assertTrue(out.startsWith("uid=1000 gid=1000 groups=1001"), out);
        assertTrue(out.contains("rootfs=1\n") && out.contains("tmp=0\n"), out);
    }

    @Test
    void memoryAndPidsLimitsAreApplied() throws Exception {
        ContainerConfig c = bed.config("sh", "-c", "cat /sys/fs/cgroup/memory/memory.limit_in_bytes "
                + "/sys/fs/cgroup/pids/pids.max; for i in $(seq 1 12); do sleep 5 & done; wait; echo done")
                .resources(ResourceLimits.builder().memory(64L << 20).pidsLimit(8L).build()).build();
        String id = bed.newId();
        bed.runtime.run(id, c, bed.logDir(id));
        Path hostMemory = Path.of("/sys/fs/cgroup/memory", bed.generator.cgroupsPath(id), "memory.limit_in_bytes");
        assumeTrue(Files.exists(hostMemory) || !bed.cgroups.isV2(), "cgroup v1 layout");
        assertEquals("67108864", Files.readString(hostMemory).strip());
        bed.runtime.stop(id, Signals.SIGTERM, Duration.ofMillis(100)); // the shell may have given up already
        String out = ContainerLogs.text(ContainerLogs.read(bed.runtime.paths(id), bed.runtime.monitor().logFormat()));
        assertTrue(out.startsWith("67108864\n8\n"), out);
        assertTrue(out.contains("can't fork"), "the 8-process limit stopped the loop: " + out);
    }

    @Test
    void outOfMemoryExitsWith137AndIsReportedAsOom() {
        ContainerConfig c = bed.config("tail", "/dev/zero")
                .resources(ResourceLimits.builder().memory(16L << 20).build()).build();
        String id = bed.run(c);
        ExitStatus exit = bed.runtime.waitExit(id, WAIT).orElseThrow();
        assertEquals(new ExitStatus(137, true), exit);
    }

    /** Runs to the end and returns stdout (stderr lines are left out: conmon may order the streams apart). */
    private String output(ContainerConfig config) throws IOException {
        String id = bed.run(config);
        ExitStatus exit = bed.runtime.waitExit(id, WAIT).orElseThrow();
        assertTrue(exit.known(), "exit code recorded");
        return ContainerLogs.text(ContainerLogs.read(bed.runtime.paths(id), bed.runtime.monitor().logFormat())
                .stream().filter(l -> l.stream() == LogLine.Stream.STDOUT).toList());
    }

    static Map<String, String> statusFields(String procStatus) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : procStatus.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return out;
    }
}
