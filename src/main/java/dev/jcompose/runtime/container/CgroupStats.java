package dev.jcompose.runtime.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reading of a container's cgroup counters, in the units dockerd reports (nanoseconds, bytes), from cgroup
 * v1 (one directory per controller) or v2 (one unified directory). A counter the kernel does not offer reads 0;
 * a cgroup that is gone reads all zeros (the container stopped while we looked).
 */
public final class CgroupStats {
    /** USER_HZ: cpuacct.stat counts in ticks of 1/100 s on Linux. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    /** The memory.stat keys dockerd reports for cgroup v1 (plus total_ twins): swap and workingset are not among them. */
    private static final List<String> V1_MEMORY_KEYS = List.of("cache", "rss", "rss_huge", "mapped_file", "dirty",
            "writeback", "pgpgin", "pgpgout", "pgfault", "pgmajfault", "inactive_anon", "active_anon",
            "inactive_file", "active_file", "unevictable");

    /** One blkio entry: device, operation (as the kernel names it: Read, Write, Sync, Async, Discard) and value. */
    public record BlkioEntry(long major, long minor, String op, long value) {
    }

    /**
     * The counters. {@code perCpu} is empty on v2 (dockerd reports none there); {@code pidsLimit} is null
     * without a limit; {@code memoryMaxUsage} is 0 on v2 (no such counter).
     */
    public record Sample(long cpuTotal, List<Long> perCpu, long cpuKernel, long cpuUser, long periods,
            long throttledPeriods, long throttledTime, long memoryUsage, long memoryMaxUsage, long memoryLimit,
            long memoryFailcnt, Map<String, Long> memoryStats, long pidsCurrent, Long pidsLimit,
            List<BlkioEntry> ioServiceBytes, List<BlkioEntry> ioServiced) {
    }

    private final Cgroups cgroups;
    private final Path root;

    public CgroupStats(Path root) {
        this.root = root;
        this.cgroups = new Cgroups(root);
    }

    public Sample read(String cgroupsPath) {
        String relative = cgroupsPath.startsWith("/") ? cgroupsPath.substring(1) : cgroupsPath;
        return cgroups.isV2() ? v2(root.resolve(relative)) : v1(relative);
    }

    private Sample v1(String relative) {
        Path cpuacct = root.resolve("cpuacct").resolve(relative);
        Path cpu = root.resolve("cpu").resolve(relative);
        Path memory = root.resolve("memory").resolve(relative);
        Path pids = root.resolve("pids").resolve(relative);
        Path blkio = root.resolve("blkio").resolve(relative);
        Map<String, Long> acct = keyed(cpuacct.resolve("cpuacct.stat"));
        Map<String, Long> throttling = keyed(cpu.resolve("cpu.stat"));
        Map<String, Long> kernelMemory = keyed(memory.resolve("memory.stat"));
        Map<String, Long> memoryStats = new TreeMap<>();
        for (String key : V1_MEMORY_KEYS) {
            memoryStats.put(key, kernelMemory.getOrDefault(key, 0L));
            memoryStats.put("total_" + key, kernelMemory.getOrDefault("total_" + key, 0L));
        }
        memoryStats.put("hierarchical_memory_limit", kernelMemory.getOrDefault("hierarchical_memory_limit", 0L));
        memoryStats.put("hierarchical_memsw_limit", kernelMemory.getOrDefault("hierarchical_memsw_limit", 0L));
        List<Long> perCpu = new ArrayList<>();
        for (String word : words(cpuacct.resolve("cpuacct.usage_percpu"))) {
            perCpu.add(parse(word));
        }
        String prefix = Files.exists(blkio.resolve("blkio.io_service_bytes_recursive")) ? "blkio." : "blkio.throttle.";
        return new Sample(number(cpuacct.resolve("cpuacct.usage")), List.copyOf(perCpu),
                acct.getOrDefault("system", 0L) * NANOS_PER_TICK, acct.getOrDefault("user", 0L) * NANOS_PER_TICK,
                throttling.getOrDefault("nr_periods", 0L), throttling.getOrDefault("nr_throttled", 0L),
                throttling.getOrDefault("throttled_time", 0L), number(memory.resolve("memory.usage_in_bytes")),
                number(memory.resolve("memory.max_usage_in_bytes")), number(memory.resolve("memory.limit_in_bytes")),
                number(memory.resolve("memory.failcnt")), memoryStats, number(pids.resolve("pids.current")),
                limit(pids.resolve("pids.max")), blkio(blkio.resolve(prefix + "io_service_bytes_recursive")),
                blkio(blkio.resolve(prefix + "io_serviced_recursive")));
    }

    private Sample v2(Path dir) {
        Map<String, Long> cpu = keyed(dir.resolve("cpu.stat"));
        Map<String, Long> memoryStats = new TreeMap<>(keyed(dir.resolve("memory.stat")));
        Long memoryMax = limit(dir.resolve("memory.max"));
        List<BlkioEntry> bytes = new ArrayList<>();
        List<BlkioEntry> ios = new ArrayList<>();
        for (String line : lines(dir.resolve("io.stat"))) { // "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0"
            String[] fields = line.strip().split("\\s+");
            String[] device = fields[0].split(":");
            if (device.length != 2) {
                continue;
            }
            long major = parse(device[0]);
            long minor = parse(device[1]);
            for (int i = 1; i < fields.length; i++) {
                String[] kv = fields[i].split("=", 2);
                if (kv.length != 2) {
                    continue;
                }
                switch (kv[0]) {
                    case "rbytes" -> bytes.add(new BlkioEntry(major, minor, "read", parse(kv[1])));
                    case "wbytes" -> bytes.add(new BlkioEntry(major, minor, "write", parse(kv[1])));
                    case "rios" -> ios.add(new BlkioEntry(major, minor, "read", parse(kv[1])));
                    case "wios" -> ios.add(new BlkioEntry(major, minor, "write", parse(kv[1])));
                    default -> {
                        // discards are not in dockerd's view
                    }
                }
            }
        }
        return new Sample(cpu.getOrDefault("usage_usec", 0L) * 1000, List.of(),
                cpu.getOrDefault("system_usec", 0L) * 1000, cpu.getOrDefault("user_usec", 0L) * 1000,
                cpu.getOrDefault("nr_periods", 0L), cpu.getOrDefault("nr_throttled", 0L),
                cpu.getOrDefault("throttled_usec", 0L) * 1000, number(dir.resolve("memory.current")), 0,
                memoryMax == null ? Long.MAX_VALUE : memoryMax, keyed(dir.resolve("memory.events")).getOrDefault("max", 0L),
                memoryStats, number(dir.resolve("pids.current")), limit(dir.resolve("pids.max")), bytes, ios);
    }

    /** "maj:min Op value" lines; the "Total" line and malformed ones are skipped. */
    private static List<BlkioEntry> blkio(Path file) {
        List<BlkioEntry> out = new ArrayList<>();
        for (String line : lines(file)) {
            String[] f = line.strip().split("\\s+");
            String[] device = f[0].split(":");
            if (f.length == 3 && device.length == 2) {
                out.add(new BlkioEntry(parse(device[0]), parse(device[1]), f[1], parse(f[2])));
            }
        }
        return out;
    }

    /** "key value" lines (cpu.stat, memory.stat, cpuacct.stat). */
    private static Map<String, Long> keyed(Path file) {
        Map<String, Long> out = new TreeMap<>();
        for (String line : lines(file)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) {
                out.put(f[0], parse(f[1]));
            }
        }
        return out;
    }

    private static long number(Path file) {
        List<String> w = words(file);
        return w.isEmpty() ? 0 : parse(w.get(0));
    }

    /** A limit file: a number, or "max" (none: null). */
    private static Long limit(Path file) {
        List<String> w = words(file);
        return w.isEmpty() || w.get(0).equals("max") ? null : parse(w.get(0));
    }

    private static List<String> words(Path file) {
        List<String> out = new ArrayList<>();
        for (String line : lines(file)) {
            for (String w : line.strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of(); // the cgroup went away with the container, or the kernel lacks the counter
        }
    }

    /** Counters are unsigned 64-bit: a value beyond Long.MAX_VALUE (never in practice) saturates. */
    private static long parse(String s) {
        try {
            return Long.parseUnsignedLong(s) < 0 ? Long.MAX_VALUE : Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
