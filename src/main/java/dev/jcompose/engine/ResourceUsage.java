package dev.jcompose.engine;

import java.time.Instant;

/**
 * One `docker stats` reading of a container, reduced to what the stats table shows: cumulative CPU time of the
 * container and of the host (ns), memory with the page-cache part the CLI subtracts, summed network and block I/O
 * counters, pids. {@code read} is null for a container that does not run (every counter then 0). The engine's
 * own earlier reading (precpu) comes as {@code preCpu}/{@code preSystemCpu} (0 when it sent none).
 */
public record ResourceUsage(Instant read, long cpu, long systemCpu, int onlineCpus, long preCpu, long preSystemCpu,
        long memoryUsage, long memoryInactiveFile, long memoryLimit, long networkRx, long networkTx, long blockRead,
        long blockWrite, long pids) {

    /** The reading of a container that does not run. */
    public static final ResourceUsage NONE = new ResourceUsage(null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** This reading with another reading's CPU counters as its "previous" (a client that keeps its own). */
    public ResourceUsage after(ResourceUsage previous) {
        return new ResourceUsage(read, cpu, systemCpu, onlineCpus, previous.cpu, previous.systemCpu, memoryUsage,
                memoryInactiveFile, memoryLimit, networkRx, networkTx, blockRead, blockWrite, pids);
    }
}
