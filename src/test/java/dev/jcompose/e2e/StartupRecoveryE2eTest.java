package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.docker.DockerEngine;
import dev.jcompose.runtime.api.routes.EmbeddedDaemon;
import dev.jcompose.runtime.container.Cgroups;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.network.ResidueScan;
import dev.jcompose.runtime.oci.DockerDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Leftovers of a crash made by hand in a temp daemon dir and on the host (with the test daemon's names), then
 * the engine started as a user starts it: before it answers, every leftover is gone and its log names each one;
 * the image that was complete still runs.
 */
@Tag("root")
class StartupRecoveryE2eTest {
    @Test
    void theEngineRemovesCrashLeftoversAtStartAndLogsEachOne() throws Exception {
        Path dir = EmbeddedDaemon.newDirWithBusybox();
        Path root = dir.resolve("root");
        String deadId = HexFormat.of().formatHex(randomBytes(32));
        String veth = "jctav" + deadId.substring(0, 8);
        String bridge = "jcta-br" + deadId.substring(0, 8);
        String netns = "jcta-ns-" + deadId;
        Process engine = null;
        List<Path> cgroupLeaves = new Cgroups(Cgroups.DEFAULT_ROOT).dirsOf(DockerDefaults.CGROUP_PARENT + "/" + deadId);
        try {
            sh("ip", "netns", "add", netns);
            sh("ip", "link", "add", veth, "type", "veth", "peer", "name", veth + "p");
            sh("ip", "link", "add", bridge, "type", "bridge");
            for (Path leaf : cgroupLeaves) {
                Files.createDirectories(leaf); // mkdir in cgroupfs makes an empty cgroup, as runc leaves them
            }
            Path rootfs = Files.createDirectories(root.resolve("containers/" + deadId + "/rootfs"));
            sh("mount", "-t", "tmpfs", "jct-leftover", rootfs.toString());
            Files.write(root.resolve("content/ingest/ingest-7"), new byte[1024]);
            byte[] orphan = "orphan blob".getBytes(StandardCharsets.UTF_8);
            Files.write(root.resolve("content/blobs/sha256/" + Digest.of(orphan).hex()), orphan);
            Files.writeString(root.resolve("images/records/" + "ef".repeat(32) + ".json"), "{\"id\": tr");

            engine = EngineProcess.start(dir, "0");

            String log = Files.readString(dir.resolve("engine-0.out"));
            for (String name : List.of(netns, veth, bridge, DockerDefaults.CGROUP_PARENT + "/" + deadId,
                    rootfs.toString(), "containers/" + deadId, "ingest-7", Digest.of(orphan).toString(),
                    "ef".repeat(32))) {
                assertTrue(log.lines().anyMatch(l -> l.contains("removed") && l.contains(name)),
                        "no log line for " + name + " in:\n" + log);
            }
            assertFalse(Files.exists(root.resolve("containers/" + deadId)), "container dir left");
            assertTrue(cgroupLeaves.stream().noneMatch(Files::exists), "cgroup leaves left");
            List<String> host = ResidueScan.daemonTestResidue();
            assertTrue(host.stream().noneMatch(l -> l.contains(deadId.substring(0, 8))), "host objects left: " + host);

            try (DockerEngine client = new DockerEngine(DockerEngine.Options.of(new EngineProcess(dir).host()))) {
                assertTrue(client.findImage(EngineTarget.BUSYBOX).isPresent(), "the complete image was removed");
            }
        } finally {
            if (engine != null) {
                engine.destroy();
                engine.waitFor(20, TimeUnit.SECONDS);
                engine.destroyForcibly().waitFor();
            }
            quietly("umount", root.resolve("containers/" + deadId + "/rootfs").toString());
            quietly("ip", "netns", "del", netns);
            quietly("ip", "link", "del", veth);
            quietly("ip", "link", "del", bridge);
            cgroupLeaves.forEach(l -> l.toFile().delete());
            new EmbeddedDaemon(dir, DockerDefaults.CGROUP_PARENT).close();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static void sh(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, p.waitFor(), String.join(" ", argv));
    }

    private static void quietly(String... argv) {
        try {
            new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor();
        } catch (IOException | InterruptedException e) {
            // best effort after the test
        }
    }
}
