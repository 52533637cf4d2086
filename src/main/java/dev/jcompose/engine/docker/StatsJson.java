package dev.jcompose.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.engine.ResourceUsage;
import dev.jcompose.engine.wire.Json;
import java.time.Instant;
import java.util.Locale;

/**
 * dockerd's StatsJSON (GET /containers/{id}/stats) read the way the docker CLI reads it: online CPUs from
 * online_cpus or else the per-CPU list, the page cache as total_inactive_file (cgroup v1) or inactive_file (v2),
 * network summed over interfaces, block I/O summed over devices by operation name (any case).
 */
final class StatsJson {
    private StatsJson() {
    }

    static ResourceUsage usage(JsonNode stats) {
        Instant read = Json.instant(stats, "read");
        if (read == null) {
            return ResourceUsage.NONE;
        }
        JsonNode cpu = stats.path("cpu_stats");
        JsonNode pre = stats.path("precpu_stats");
        int online = cpu.path("online_cpus").asInt(0);
        if (online == 0) {
            online = cpu.path("cpu_usage").path("percpu_usage").size();
        }
        JsonNode memory = stats.path("memory_stats");
        JsonNode kernel = memory.path("stats");
        long usage = memory.path("usage").asLong(0);
        long inactive = kernel.has("total_inactive_file") ? kernel.path("total_inactive_file").asLong(0)
                : kernel.path("inactive_file").asLong(0);
        long rx = 0;
        long tx = 0;
        for (JsonNode n : stats.path("networks")) {
            rx += n.path("rx_bytes").asLong(0);
            tx += n.path("tx_bytes").asLong(0);
        }
        long blockRead = 0;
        long blockWrite = 0;
        for (JsonNode e : stats.path("blkio_stats").path("io_service_bytes_recursive")) {
            switch (e.path("op").asText("").toLowerCase(Locale.ROOT)) {
                case "read" -> blockRead += e.path("value").asLong(0);
                case "write" -> blockWrite += e.path("value").asLong(0);
                default -> {
                    // sync/async/total repeat the same bytes
                }
            }
        }
        return new ResourceUsage(read, cpu.path("cpu_usage").path("total_usage").asLong(0),
                cpu.path("system_cpu_usage").asLong(0), online, pre.path("cpu_usage").path("total_usage").asLong(0),
                pre.path("system_cpu_usage").asLong(0), usage, inactive, memory.path("limit").asLong(0), rx, tx,
                blockRead, blockWrite, stats.path("pids_stats").path("current").asLong(0));
    }
}
