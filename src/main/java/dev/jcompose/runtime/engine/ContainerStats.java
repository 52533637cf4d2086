package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.container.CgroupStats;
import dev.jcompose.runtime.container.Cgroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * docker stats: a container's cgroup counters with what dockerd puts beside them: the host's CPU time (the
 * client computes CPU % as container delta over host delta times online CPUs), the host's memory as the limit
 * of a container without one, and the byte/packet counters of the interfaces in its network namespace.
 */
public final class ContainerStats {
    /** One interface's counters, as /proc/net/dev has them. */
    public record NetworkCounters(long rxBytes, long rxPackets, long rxErrors, long rxDropped, long txBytes,
            long txPackets, long txErrors, long txDropped) {
    }

    /**
     * A reading of a running container. {@code systemCpu} is the host's CPU time in ns (all CPUs), {@code networks}
     * empty when the container has no network namespace of its own.
     */
    public record Reading(Instant read, CgroupStats.Sample cgroup, long systemCpu, int onlineCpus, long memoryLimit,
            Map<String, NetworkCounters> networks) {
    }

    private static final long NANOS_PER_TICK = 10_000_000L; // /proc/stat counts USER_HZ (100) ticks
    private final EngineContext ctx;
    private final CgroupStats cgroups = new CgroupStats(Cgroups.DEFAULT_ROOT);
    private final Path proc;

    ContainerStats(EngineContext ctx) {
        this(ctx, Path.of("/proc"));
    }

    ContainerStats(EngineContext ctx, Path proc) {
        this.ctx = ctx;
        this.proc = proc;
    }

    /** The container's record (404 when unknown): name, id, and whether it runs. */
    public ContainerRecord container(String ref) {
        return ctx.store.get(ref);
    }

    /** The record by id, or null once removed (a stream then ends). */
    public ContainerRecord containerIfPresent(String id) {
        return ctx.store.byId(id).orElse(null);
    }

    /** A reading now, or empty when the container does not run (dockerd then reports zeros). */
    public Optional<Reading> read(String ref) {
        ContainerRecord r = ctx.store.get(ref);
        if (!r.state().hasProcess()) {
            return Optional.empty();
        }
        String parent = ctx.options.cgroupParent();
        CgroupStats.Sample sample = cgroups.read((parent.startsWith("/") ? parent : "/" + parent) + "/" + r.id());
        long machine = machineMemory();
        long limit = machine > 0 && sample.memoryLimit() > machine ? machine : sample.memoryLimit();
        String mode = r.hostConfig().path("NetworkMode").asText("");
        Map<String, NetworkCounters> networks = mode.equals("host") || mode.startsWith("container:") ? Map.of()
                : networks(proc.resolve(Integer.toString(r.state().pid())).resolve("net/dev"));
        return Optional.of(new Reading(ctx.clock.instant(), sample, systemCpu(), onlineCpus(), limit, networks));
    }

    /** The "cpu" line of /proc/stat: user nice system idle iowait irq softirq, in ns (what dockerd sums). */
    long systemCpu() {
        for (String line : lines(proc.resolve("stat"))) {
            String[] f = line.strip().split("\\s+");
            if (f[0].equals("cpu") && f.length >= 8) {
                long ticks = 0;
                for (int i = 1; i <= 7; i++) {
                    ticks += Long.parseLong(f[i]);
                }
                return ticks * NANOS_PER_TICK;
            }
        }
        return 0;
    }

    private static int onlineCpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** MemTotal in bytes (0 when unknown). */
    long machineMemory() {
        for (String line : lines(proc.resolve("meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                String[] f = line.substring(9).strip().split("\\s+");
                return Long.parseLong(f[0]) * 1024;
            }
        }
        return 0;
    }

    /** The namespace's interfaces but loopback, by name. */
    static Map<String, NetworkCounters> networks(Path netDev) {
        Map<String, NetworkCounters> out = new TreeMap<>();
        for (String line : lines(netDev)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue; // the two header lines
            }
            String name = line.substring(0, colon).strip();
            String[] f = line.substring(colon + 1).strip().split("\\s+");
            if (name.equals("lo") || f.length < 12) {
                continue;
            }
            // receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes packets errs drop ...
            out.put(name, new NetworkCounters(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]),
                    Long.parseLong(f[11])));
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of(); // the process ended while we looked
        }
    }
}
