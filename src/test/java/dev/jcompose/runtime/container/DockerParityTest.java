package dev.jcompose.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same busybox rootfs run by Debian's dockerd and by jcompose's runtime: /proc/1/status security fields,
 * the device cgroup and the mount table must match (RELIABILITY.md matrix #1). Only touches docker objects
 * named jct-*, removed afterwards.
 */
@Tag("root")
@Tag("docker")
class DockerParityTest {
    private static final Set<String> EXTRA_MASKS = Set.of("/proc/interrupts", "/sys/devices/virtual/powercap");
    private RuncTestBed bed;
    private String image;
    private final List<String> dockerContainers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        RuncTestBed.assumeHost();
        assumeTrue(RuncTestBed.hasConmon(), "needs conmon");
        assumeTrue(sh("docker info >/dev/null 2>&1").exit == 0, "needs a running dockerd");
        bed = new RuncTestBed(true);
        image = "jct-busybox-" + bed.tag;
        Result r = sh("tar -C " + bed.rootfs + " -c . | docker import - " + image);
        assertEquals(0, r.exit, r.out);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String c : dockerContainers) {
            sh("docker rm -f " + c + " >/dev/null 2>&1");
        }
        if (image != null) {
            sh("docker rmi -f " + image + " >/dev/null 2>&1");
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void statusDevicesAndMountsMatchDockerd() throws Exception {
        String name = "jct-parity-" + bed.tag;
        dockerContainers.add(name);
        Result run = sh("docker run -d --name " + name + " " + image + " sleep 1000");
        assertEquals(0, run.exit, run.out);
        String dockerId = run.out.strip();
        String dockerStatus = sh("docker exec " + name + " cat /proc/1/status").out;
        String dockerMounts = sh("docker exec " + name + " cat /proc/1/mountinfo").out;
        String dockerDevices = Files.readString(Path.of("/sys/fs/cgroup/devices/docker", dockerId, "devices.list"));

        String id = bed.run(bed.config("sleep", "1000").build());
        Path out = bed.tmp.resolve("ours.out");
        bed.runtime.exec(id, ExecSpec.of("cat", "/proc/1/status"), out, out, Duration.ofSeconds(10));
        String ourStatus = Files.readString(out);
        Files.delete(out);
        bed.runtime.exec(id, ExecSpec.of("cat", "/proc/1/mountinfo"), out, out, Duration.ofSeconds(10));
        String ourMounts = Files.readString(out);
        String ourDevices = Files.readString(Path.of("/sys/fs/cgroup/devices", bed.generator.cgroupsPath(id),
                "devices.list"));

        assertEquals(security(dockerStatus), security(ourStatus));
        assertEquals(dockerDevices, ourDevices);
        Map<String, String> docker = mounts(dockerMounts);
        Map<String, String> ours = mounts(ourMounts);
        assertTrue(docker.keySet().containsAll(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup",
                "/dev/mqueue", "/dev/shm", "/proc/keys", "/proc/sys")), "docker's mount table: " + docker);
        assertEquals("00000000a80425fb", security(dockerStatus).get("CapEff"));
        Set<String> onlyOurs = new TreeSet<>(ours.keySet());
        onlyOurs.removeAll(docker.keySet());
        assertTrue(EXTRA_MASKS.containsAll(onlyOurs), "mounts only jcompose has: " + onlyOurs);
        ours.keySet().removeAll(onlyOurs);
        assertEquals(docker, ours);
    }

    private static Map<String, String> security(String status) {
        Map<String, String> all = ContainerSecurityTest.statusFields(status);
        Map<String, String> out = new TreeMap<>();
        for (String k : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs", "Seccomp")) {
            out.put(k, all.get(k));
        }
        return out;
    }

    /** Mount point → options and filesystem, without ids, devices and the engines' own per-container paths. */
    private static Map<String, String> mounts(String mountinfo) {
        Map<String, String> out = new TreeMap<>();
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            String point = f[4];
            if (point.equals("/") || point.startsWith("/etc/")) {
                continue; // the rootfs (overlay vs directory) and docker's hosts/hostname/resolv.conf binds
            }
            String fs = line.substring(line.indexOf(" - ") + 3).split(" ")[0];
            String root = f[3].startsWith("/docker/") || f[3].startsWith("/jcompose-test-") ? "<cgroup>" : f[3];
            out.put(point, root + " " + f[5] + " " + fs);
        }
        return out;
    }

    private record Result(int exit, String out) {}

    private static Result sh(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
