package dev.jcompose.model;

/** Resource limits merged from mem_limit/cpus/pids_limit/shm_size and deploy.resources; null = unlimited. */
public record Resources(Long memoryBytes, Long memoryReservationBytes, Double cpus, Long cpuShares, Long pidsLimit,
        Long shmSizeBytes) {
    public static final Resources NONE = new Resources(null, null, null, null, null, null);
}
