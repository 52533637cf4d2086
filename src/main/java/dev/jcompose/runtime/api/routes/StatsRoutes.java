package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.container.CgroupStats;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.ContainerRecord;
import dev.jcompose.runtime.engine.ContainerStats;
import dev.jcompose.runtime.engine.DockerJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET /containers/{id}/stats as dockerd answers it. {@code stream=false}: one reading whose precpu is a reading
 * taken a second earlier (so the client's CPU % means something), or at once with an empty precpu when
 * {@code one-shot=true}; a container that does not run gets dockerd's all-zero reading. Streaming: one reading a
 * second, each with the previous as precpu (the first with none); nothing while the container does not run.
 */
public final class StatsRoutes {
    private static final long INTERVAL_MS = 1_000;
    private final ContainerEngine engine;

    public StatsRoutes(ContainerEngine engine) {
        this.engine = engine;
    }

    public void register(Router r) {
        r.get("/containers/{id}/stats", this::stats);
    }

    private ApiResponse stats(ApiRequest req) {
        ContainerStats stats = engine.stats();
        ContainerRecord r = stats.container(req.param("id"));
        String id = r.id();
        if (!req.flag("stream", true)) {
            Optional<ContainerStats.Reading> first = stats.read(id);
            if (first.isEmpty()) {
                return ApiResponse.json(json(r, null, null));
            }
            if (req.flag("one-shot", false)) {
                return ApiResponse.json(json(r, first.get(), null));
            }
            sleep(INTERVAL_MS);
            Optional<ContainerStats.Reading> second = readIfPresent(stats, id);
            return ApiResponse.json(second.map(s -> json(r, s, first.get())).orElseGet(() -> json(r, null, null)));
        }
        return new ApiResponse.Streamed(200, "application/json", out -> stream(stats, r, out));
    }

    private static void stream(ContainerStats stats, ContainerRecord r, OutputStream out) throws IOException {
        ContainerStats.Reading previous = null;
        while (true) {
            Optional<ContainerRecord> now = Optional.ofNullable(stats.containerIfPresent(r.id()));
            if (now.isEmpty()) {
                return; // removed: the stream ends, as dockerd's does
            }
            Optional<ContainerStats.Reading> reading = readIfPresent(stats, r.id());
            if (reading.isPresent()) {
                out.write(DockerJson.MAPPER.writeValueAsBytes(json(now.get(), reading.get(), previous)));
                out.write('\n');
                out.flush();
                previous = reading.get();
            } else {
                previous = null;
                if (out instanceof ApiResponse.ClientAware c && !c.clientConnected()) {
                    return;
                }
            }
            if (!sleep(INTERVAL_MS)) {
                return;
            }
        }
    }

    private static Optional<ContainerStats.Reading> readIfPresent(ContainerStats stats, String id) {
        try {
            return stats.read(id);
        } catch (RuntimeException e) {
            return Optional.empty(); // removed meanwhile
        }
    }

    /** dockerd's StatsJSON; {@code reading} null: the zero reading of a container that does not run. */
    static ObjectNode json(ContainerRecord r, ContainerStats.Reading reading, ContainerStats.Reading previous) {
        ObjectNode o = DockerJson.object();
        o.put("read", reading == null ? DockerJson.ZERO_TIME : reading.read().toString());
        o.put("preread", previous == null ? DockerJson.ZERO_TIME : previous.read().toString());
        CgroupStats.Sample s = reading == null ? null : reading.cgroup();
        ObjectNode pids = o.putObject("pids_stats");
        if (s != null) {
            pids.put("current", s.pidsCurrent());
            if (s.pidsLimit() != null) {
                pids.put("limit", s.pidsLimit());
            }
        }
        ObjectNode blkio = o.putObject("blkio_stats");
        blkio.set("io_service_bytes_recursive", s == null ? null : blkio(s.ioServiceBytes()));
        blkio.set("io_serviced_recursive", s == null ? null : blkio(s.ioServiced()));
        for (String unused : List.of("io_queue_recursive", "io_service_time_recursive", "io_wait_time_recursive",
                "io_merged_recursive", "io_time_recursive", "sectors_recursive")) {
            blkio.set(unused, s == null ? null : DockerJson.MAPPER.createArrayNode());
        }
        o.put("num_procs", 0);
        o.putObject("storage_stats");
        o.set("cpu_stats", cpu(reading));
        o.set("precpu_stats", cpu(previous));
        ObjectNode memory = o.putObject("memory_stats");
        if (s != null) {
            memory.put("usage", s.memoryUsage());
            if (s.memoryMaxUsage() > 0) {
                memory.put("max_usage", s.memoryMaxUsage());
            }
            ObjectNode kernel = memory.putObject("stats");
            s.memoryStats().forEach(kernel::put);
            if (s.memoryFailcnt() > 0) {
                memory.put("failcnt", s.memoryFailcnt());
            }
            memory.put("limit", reading.memoryLimit());
        }
        o.put("name", r.name().startsWith("/") ? r.name() : "/" + r.name());
        o.put("id", r.id());
        if (reading != null && !reading.networks().isEmpty()) {
            ObjectNode networks = o.putObject("networks");
            for (Map.Entry<String, ContainerStats.NetworkCounters> e : reading.networks().entrySet()) {
                ContainerStats.NetworkCounters n = e.getValue();
                networks.putObject(e.getKey()).put("rx_bytes", n.rxBytes()).put("rx_packets", n.rxPackets())
                        .put("rx_errors", n.rxErrors()).put("rx_dropped", n.rxDropped()).put("tx_bytes", n.txBytes())
                        .put("tx_packets", n.txPackets()).put("tx_errors", n.txErrors())
                        .put("tx_dropped", n.txDropped());
            }
        }
        return o;
    }

    private static ObjectNode cpu(ContainerStats.Reading reading) {
        ObjectNode cpu = DockerJson.object();
        ObjectNode usage = cpu.putObject("cpu_usage");
        CgroupStats.Sample s = reading == null ? null : reading.cgroup();
        usage.put("total_usage", s == null ? 0 : s.cpuTotal());
        if (s != null && !s.perCpu().isEmpty()) {
            ArrayNode per = usage.putArray("percpu_usage");
            s.perCpu().forEach(per::add);
        }
        usage.put("usage_in_kernelmode", s == null ? 0 : s.cpuKernel());
        usage.put("usage_in_usermode", s == null ? 0 : s.cpuUser());
        if (reading != null) {
            cpu.put("system_cpu_usage", reading.systemCpu());
            cpu.put("online_cpus", reading.onlineCpus());
        }
        cpu.putObject("throttling_data").put("periods", s == null ? 0 : s.periods())
                .put("throttled_periods", s == null ? 0 : s.throttledPeriods())
                .put("throttled_time", s == null ? 0 : s.throttledTime());
        return cpu;
    }

    private static ArrayNode blkio(List<CgroupStats.BlkioEntry> entries) {
        ArrayNode a = DockerJson.MAPPER.createArrayNode();
        for (CgroupStats.BlkioEntry e : entries) {
            a.addObject().put("major", e.major()).put("minor", e.minor()).put("op", e.op()).put("value", e.value());
        }
        return a;
    }

    private static boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
