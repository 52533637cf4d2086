package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.engine.DockerJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docker stats against the embedded daemon: the real CLI's table (it computes CPU % and memory from the raw
 * counters, so they must be dockerd's), the JSON's shape next to dockerd's for a running and a stopped container,
 * one-shot, and a stream whose every reading carries the previous one as precpu.
 */
@Tag("root")
class DockerStatsTest extends DockerCliOnEmbedded {
    private static final Path DOCKERD_SOCKET = Path.of("/var/run/docker.sock");
    /**
     * Two pings to the gateway (network counters), 16 MiB held in a shell variable (memory), then a busy loop
     * (CPU): the reading must see all three.
     */
    private static final String WORKLOAD = "ping -c 2 -W 1 $(ip route | awk '/default/ {print $3}');"
            + " x=$(head -c 16777216 /dev/zero | tr '\\0' a); while :; do :; done";

    @Test
    void theCliTableShowsCpuMemoryNetworkAndPidsOfARunningContainer() throws Exception {
        String id = ok("run", "-d", "--name", "jct-stats1", "--pids-limit", "50", "busybox", "sh", "-c", WORKLOAD)
                .stdout().strip();
        Thread.sleep(1500);
        DockerCli.Result r = ok("stats", "--no-stream", "--format",
                "{{.ID}}|{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.MemPerc}}|{{.NetIO}}|{{.BlockIO}}|{{.PIDs}}", id);
        String[] f = r.stdout().strip().split("\\|");
        assertEquals(8, f.length, r.toString());
        assertEquals(id.substring(0, 12), f[0]);
        assertEquals("jct-stats1", f[1]);
        double cpu = Double.parseDouble(f[2].replace("%", ""));
        assertTrue(cpu > 20 && cpu <= 100 * Runtime.getRuntime().availableProcessors() + 1, "a busy loop: " + f[2]);
        String[] mem = f[3].split(" / ");
        assertTrue(mem[0].endsWith("MiB") && Double.parseDouble(mem[0].replace("MiB", "")) >= 15,
                "the 16 MiB string is counted: " + f[3]);
        assertEquals(hostMemoryGiB(), mem[1], "no limit: the host's memory, as dockerd reports it");
        assertTrue(f[5].matches("[0-9.]+[kMG]?B / [0-9.]+[kMG]?B"), f[5]);
        assertTrue(!f[5].startsWith("0B"), "the ping replies are counted on eth0: " + f[5]);
        assertEquals("1", f[7], "the command substitution's children are gone: sh alone");
    }

    @Test
    void theJsonHasDockerdsShapeForRunningAndStoppedContainers() throws Exception {
        assumeTrue(Files.exists(DOCKERD_SOCKET), "needs dockerd for the comparison");
        DockerCli dockerd = new DockerCli(DockerCli.find(), URI.create("unix://" + DOCKERD_SOCKET));
        String mine = ok("run", "-d", "busybox", "sleep", "60").stdout().strip();
        String theirs = dockerd.run("run", "-d", "--rm", EmbeddedDaemon.BUSYBOX, "sleep", "60").stdout().strip();
        String stoppedMine = ok("create", "busybox", "true").stdout().strip();
        String stoppedTheirs = dockerd.run("create", EmbeddedDaemon.BUSYBOX, "true").stdout().strip();
        try {
            JsonNode a = get(daemon.uri(), mine, "stream=false");
            JsonNode b = get(URI.create("unix://" + DOCKERD_SOCKET), theirs, "stream=false");
            assertEquals(shape(b), shape(a));
            assertTrue(a.path("precpu_stats").path("system_cpu_usage").asLong() > 0, "stream=false waits a second");
            assertTrue(a.path("cpu_stats").path("system_cpu_usage").asLong()
                    > a.path("precpu_stats").path("system_cpu_usage").asLong());
            assertEquals(1, a.path("pids_stats").path("current").asInt());
            assertEquals(b.path("memory_stats").path("limit"), a.path("memory_stats").path("limit"));

            JsonNode stopped = get(daemon.uri(), stoppedMine, "stream=false");
            JsonNode stoppedDockerd = get(URI.create("unix://" + DOCKERD_SOCKET), stoppedTheirs, "stream=false");
            ((com.fasterxml.jackson.databind.node.ObjectNode) stopped).remove(List.of("id", "name"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) stoppedDockerd).remove(List.of("id", "name"));
            assertEquals(stoppedDockerd, stopped, "the zero reading of a container that does not run");

            long t0 = System.nanoTime();
            JsonNode oneShot = get(daemon.uri(), mine, "stream=false&one-shot=true");
            assertTrue(System.nanoTime() - t0 < 900_000_000L, "one-shot does not wait for a second reading");
            assertEquals(DockerJson.ZERO_TIME, oneShot.path("preread").asText());
        } finally {
            dockerd.run("rm", "-f", theirs, stoppedTheirs);
        }
    }

    @Test
    void aStreamSendsAReadingASecondEachWithThePreviousAsPrecpu() throws Exception {
        String id = ok("run", "-d", "busybox", "sleep", "60").stdout().strip();
        List<JsonNode> readings = new ArrayList<>();
        Process curl = new ProcessBuilder("curl", "-sN", "--unix-socket", daemon.uri().getPath(),
                "http://d/containers/" + id + "/stats").start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(curl.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (int i = 0; i < 3; i++) {
                readings.add(DockerJson.MAPPER.readTree(lines.readLine()));
            }
        } finally {
            curl.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        assertEquals(DockerJson.ZERO_TIME, readings.get(0).path("preread").asText());
        for (int i = 1; i < 3; i++) {
            assertEquals(readings.get(i - 1).path("read"), readings.get(i).path("preread"));
            assertEquals(readings.get(i - 1).path("cpu_stats"), readings.get(i).path("precpu_stats"));
        }
        ok("rm", "-f", id); // a stream whose container goes away ends; the daemon's close checks nothing is left
    }

    private static JsonNode get(URI socket, String id, String query) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sf", "--unix-socket", socket.getPath(),
                "http://d/containers/" + id + "/stats?" + query).start();
        byte[] body = curl.getInputStream().readAllBytes();
        assertEquals(0, curl.waitFor(), "curl " + query + ": " + new String(body, StandardCharsets.UTF_8));
        return DockerJson.MAPPER.readTree(body);
    }

    /** Every field path of the JSON (array elements by their fields), to compare shapes but not values. */
    private static TreeSet<String> shape(JsonNode node) {
        TreeSet<String> out = new TreeSet<>();
        shape(node, "", out);
        return out;
    }

    private static void shape(JsonNode node, String path, TreeSet<String> out) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                String child = path + "." + (path.equals(".networks") ? "<if>" : name);
                out.add(child);
                shape(node.get(name), child, out);
            }
        } else if (node.isArray()) {
            for (JsonNode e : node) {
                shape(e, path + "[]", out);
            }
        }
    }

    private static String hostMemoryGiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                double gib = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0 / (1L << 30);
                return String.format(java.util.Locale.ROOT, "%.2fGiB", gib);
            }
        }
        throw new AssertionError("no MemTotal");
    }
}
