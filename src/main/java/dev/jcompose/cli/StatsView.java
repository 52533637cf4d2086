package dev.jcompose.cli;

import dev.jcompose.app.ProjectStats;
import dev.jcompose.engine.ResourceUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * `stats` output as the docker CLI's stats formatter renders it (compose hands its containers to that code): the
 * table CONTAINER ID, NAME, CPU %, MEM USAGE / LIMIT, MEM %, NET I/O, BLOCK I/O, PIDS; `json`, one object per
 * line; or a `{{.Field}}` template. CPU % and memory are computed from the raw counters exactly as the CLI does:
 * CPU delta over host delta times online CPUs, memory without the inactive page cache.
 */
final class StatsView {
    static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}"
            + "\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
    private static final Map<String, String> HEADERS = Map.of("Container", "CONTAINER", "ID", "CONTAINER ID",
            "Name", "NAME", "CPUPerc", "CPU %", "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %", "NetIO", "NET I/O",
            "BlockIO", "BLOCK I/O", "PIDs", "PIDS");
    private static final Set<String> KNOWN = HEADERS.keySet();
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private final boolean trunc;

    StatsView(boolean trunc) {
        this.trunc = trunc;
    }

    String render(List<ProjectStats.Row> rows, String format) {
        if (format == null || format.isEmpty() || format.equals("table")) {
            format = DEFAULT_TABLE;
        }
        if (format.equals("json")) {
            StringBuilder b = new StringBuilder();
            rows.forEach(r -> b.append(GoJson.write(fields(r), true)).append('\n'));
            return b.toString();
        }
        boolean table = format.startsWith("table");
        String template = (table ? format.substring(5) : format).strip().replace("\\t", "\t").replace("\\n", "\n");
        FieldTemplate.check(template, KNOWN);
        StringBuilder b = new StringBuilder();
        if (table) {
            b.append(FieldTemplate.fill(template, HEADERS)).append('\n');
        }
        rows.forEach(r -> b.append(FieldTemplate.fill(template, fields(r))).append('\n'));
        return table ? TabWriter.format(b.toString(), 10, 3) : b.toString();
    }

    /** The fields of docker's StatsEntry as its formatter prints them, keys sorted as Go marshals them. */
    Map<String, String> fields(ProjectStats.Row r) {
        ResourceUsage u = r.usage();
        String id = trunc && r.id().length() > 12 ? r.id().substring(0, 12) : r.id();
        double memory = memoryWithoutCache(u);
        Map<String, String> m = new TreeMap<>();
        m.put("BlockIO", GoFormat.humanSize(u.blockRead()) + " / " + GoFormat.humanSize(u.blockWrite()));
        m.put("CPUPerc", percent(cpuPercent(u)));
        m.put("Container", id);
        m.put("ID", id);
        m.put("MemPerc", percent(u.memoryLimit() == 0 ? 0 : memory / u.memoryLimit() * 100));
        m.put("MemUsage", bytesSize(memory) + " / " + bytesSize(u.memoryLimit()));
        m.put("Name", r.name());
        m.put("NetIO", GoFormat.humanSize(u.networkRx()) + " / " + GoFormat.humanSize(u.networkTx()));
        m.put("PIDs", Long.toString(u.pids()));
        return m;
    }

    /** The CLI's calculateCPUPercentUnix: 0 unless both the container's and the host's CPU time advanced. */
    static double cpuPercent(ResourceUsage u) {
        double cpuDelta = (double) u.cpu() - u.preCpu();
        double systemDelta = (double) u.systemCpu() - u.preSystemCpu();
        if (systemDelta > 0 && cpuDelta > 0) {
            return cpuDelta / systemDelta * u.onlineCpus() * 100;
        }
        return 0;
    }

    /** calculateMemUsageUnixNoCache: usage minus the inactive file cache when that is smaller. */
    static double memoryWithoutCache(ResourceUsage u) {
        return u.memoryInactiveFile() < u.memoryUsage() ? u.memoryUsage() - u.memoryInactiveFile() : u.memoryUsage();
    }

    /** Go's %.2f%%: the exact binary value rounded half to even. */
    static String percent(double value) {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    /** go-units BytesSize: binary units, Go's %.4g ("16.61MiB", "23.54GiB", "0B"). */
    static String bytesSize(double size) {
        int unit = 0;
        while (size >= 1024 && unit < BINARY_UNITS.length - 1) {
            size /= 1024;
            unit++;
        }
        return GoFormat.formatG(size, 4) + BINARY_UNITS[unit];
    }
}
