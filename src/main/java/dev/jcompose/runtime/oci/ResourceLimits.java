package dev.jcompose.runtime.oci;

import java.util.List;

/**
 * Cgroup limits in Docker's units; null means "not set". {@code nanoCpus} is Docker's --cpus ×10⁹ and becomes a
 * CFS quota over a 100 ms period; {@code cpuQuota}/{@code cpuPeriod} set them directly. {@code memorySwapBytes} is
 * memory+swap like Docker's; the caller applies Docker's "twice the memory" default if it wants it.
 */
public record ResourceLimits(Long memoryBytes, Long memoryReservationBytes, Long memorySwapBytes, Long cpuShares,
        Long nanoCpus, Long cpuQuota, Long cpuPeriod, String cpusetCpus, Long pidsLimit, List<DeviceNode> devices,
        List<DeviceRule> deviceRules) {
    public static final ResourceLimits NONE = builder().build();

    public ResourceLimits {
        positive("memory", memoryBytes);
        positive("memory reservation", memoryReservationBytes);
        positive("cpu shares", cpuShares);
        positive("cpus", nanoCpus);
        positive("cpu period", cpuPeriod);
        if (memorySwapBytes != null && memorySwapBytes != -1 && memoryBytes != null && memorySwapBytes < memoryBytes) {
            throw new IllegalArgumentException("memory+swap limit " + memorySwapBytes
                    + " must not be smaller than the memory limit " + memoryBytes);
        }
        if (nanoCpus != null && (cpuQuota != null || cpuPeriod != null)) {
            throw new IllegalArgumentException("cpus conflicts with cpu quota/period: set one or the other");
        }
        if (pidsLimit != null && pidsLimit == 0) {
            throw new IllegalArgumentException("pids limit 0 is not a limit: use -1 for unlimited");
        }
        devices = List.copyOf(devices);
        deviceRules = List.copyOf(deviceRules);
    }

    private static void positive(String what, Long value) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.memoryBytes = memoryBytes;
        b.memoryReservationBytes = memoryReservationBytes;
        b.memorySwapBytes = memorySwapBytes;
        b.cpuShares = cpuShares;
        b.nanoCpus = nanoCpus;
        b.cpuQuota = cpuQuota;
        b.cpuPeriod = cpuPeriod;
        b.cpusetCpus = cpusetCpus;
        b.pidsLimit = pidsLimit;
        b.devices = devices;
        b.deviceRules = deviceRules;
        return b;
    }

    /** Mutable builder; every setter returns this. */
    public static final class Builder {
        private Long memoryBytes;
        private Long memoryReservationBytes;
        private Long memorySwapBytes;
        private Long cpuShares;
        private Long nanoCpus;
        private Long cpuQuota;
        private Long cpuPeriod;
        private String cpusetCpus;
        private Long pidsLimit;
        private List<DeviceNode> devices = List.of();
        private List<DeviceRule> deviceRules = List.of();

        public Builder memory(Long bytes) {
            this.memoryBytes = bytes;
            return this;
        }

        public Builder memoryReservation(Long bytes) {
            this.memoryReservationBytes = bytes;
            return this;
        }

        public Builder memorySwap(Long bytes) {
            this.memorySwapBytes = bytes;
            return this;
        }

        public Builder cpuShares(Long shares) {
            this.cpuShares = shares;
            return this;
        }

        public Builder nanoCpus(Long nanos) {
            this.nanoCpus = nanos;
            return this;
        }

        public Builder cpuQuota(Long quota, Long period) {
            this.cpuQuota = quota;
            this.cpuPeriod = period;
            return this;
        }

        public Builder cpusetCpus(String cpus) {
            this.cpusetCpus = cpus;
            return this;
        }

        public Builder pidsLimit(Long limit) {
            this.pidsLimit = limit;
            return this;
        }

        public Builder devices(List<DeviceNode> nodes) {
            this.devices = nodes;
            return this;
        }

        public Builder deviceRules(List<DeviceRule> rules) {
            this.deviceRules = rules;
            return this;
        }

        public ResourceLimits build() {
            return new ResourceLimits(memoryBytes, memoryReservationBytes, memorySwapBytes, cpuShares, nanoCpus,
                    cpuQuota, cpuPeriod, cpusetCpus, pidsLimit, devices, deviceRules);
        }
    }
}
