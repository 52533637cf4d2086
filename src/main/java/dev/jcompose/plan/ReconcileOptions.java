package dev.jcompose.plan;

import dev.jcompose.state.Hasher;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What `up` / `create` asked for.
 *
 * @param services              selected services; empty means all
 * @param forceRecreate         recreate the selected services even when unchanged
 * @param noRecreate            never recreate existing containers
 * @param noDeps                do not touch the dependencies of the selected services
 * @param alwaysRecreateDeps    recreate the dependencies of the selected services even when unchanged
 * @param removeOrphans         stop and remove orphan containers (else: a warning)
 * @param ignoreOrphans         neither remove nor warn (COMPOSE_IGNORE_ORPHANS)
 * @param renewAnonVolumes      -V: a replacement container gets fresh anonymous volumes
 * @param noStart               create only: no start, unpause or restart operations
 * @param scale                 --scale overrides, service → replicas
 * @param imageDigests          resolved image digest per service, filled by the caller from the engine; a service
 *                              absent here is not compared by digest
 * @param confirmVolumeRecreate asked with compose's prompt text before planning to recreate a diverged volume
 *                              (its data is lost); the default declines
 * @param hasher                computes the desired config hashes; tests replace it
 */
public record ReconcileOptions(
        List<String> services,
        boolean forceRecreate,
        boolean noRecreate,
        boolean noDeps,
        boolean alwaysRecreateDeps,
        boolean removeOrphans,
        boolean ignoreOrphans,
        boolean renewAnonVolumes,
        boolean noStart,
        Map<String, Integer> scale,
        Map<String, String> imageDigests,
        Predicate<String> confirmVolumeRecreate,
        Hasher hasher) {

    public ReconcileOptions {
        services = services == null ? List.of() : List.copyOf(services);
        scale = scale == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(scale));
        imageDigests = imageDigests == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(imageDigests));
        confirmVolumeRecreate = confirmVolumeRecreate == null ? message -> false : confirmVolumeRecreate;
        hasher = hasher == null ? Hasher.DEFAULT : hasher;
    }

    public static ReconcileOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.services = services;
        b.forceRecreate = forceRecreate;
        b.noRecreate = noRecreate;
        b.noDeps = noDeps;
        b.alwaysRecreateDeps = alwaysRecreateDeps;
        b.removeOrphans = removeOrphans;
        b.ignoreOrphans = ignoreOrphans;
        b.renewAnonVolumes = renewAnonVolumes;
        b.noStart = noStart;
        b.scale = new TreeMap<>(scale);
        b.imageDigests = new TreeMap<>(imageDigests);
        b.confirmVolumeRecreate = confirmVolumeRecreate;
        b.hasher = hasher;
        return b;
    }

    /** Mutable builder; every setter returns this. */
    public static final class Builder {
        private List<String> services = List.of();
        private boolean forceRecreate;
        private boolean noRecreate;
        private boolean noDeps;
        private boolean alwaysRecreateDeps;
        private boolean removeOrphans;
        private boolean ignoreOrphans;
        private boolean renewAnonVolumes;
        private boolean noStart;
        private Map<String, Integer> scale = new TreeMap<>();
        private Map<String, String> imageDigests = new TreeMap<>();
        private Predicate<String> confirmVolumeRecreate;
        private Hasher hasher;

        public Builder services(String... names) {
            this.services = List.of(names);
            return this;
        }

        public Builder services(List<String> names) {
            this.services = List.copyOf(names);
            return this;
        }

        public Builder forceRecreate(boolean v) {
            this.forceRecreate = v;
            return this;
        }

        public Builder noRecreate(boolean v) {
            this.noRecreate = v;
            return this;
        }

        public Builder noDeps(boolean v) {
            this.noDeps = v;
            return this;
        }

        public Builder alwaysRecreateDeps(boolean v) {
            this.alwaysRecreateDeps = v;
            return this;
        }

        public Builder removeOrphans(boolean v) {
            this.removeOrphans = v;
            return this;
        }

        public Builder ignoreOrphans(boolean v) {
            this.ignoreOrphans = v;
            return this;
        }

        public Builder renewAnonVolumes(boolean v) {
            this.renewAnonVolumes = v;
            return this;
        }

        public Builder noStart(boolean v) {
            this.noStart = v;
            return this;
        }

        public Builder scale(String service, int replicas) {
            this.scale.put(service, replicas);
            return this;
        }

        public Builder scale(Map<String, Integer> overrides) {
            this.scale = new TreeMap<>(overrides);
            return this;
        }

        public Builder imageDigest(String service, String digest) {
            this.imageDigests.put(service, digest);
            return this;
        }

        public Builder imageDigests(Map<String, String> digests) {
            this.imageDigests = new TreeMap<>(digests);
            return this;
        }

        public Builder confirmVolumeRecreate(Predicate<String> confirm) {
            this.confirmVolumeRecreate = confirm;
            return this;
        }

        public Builder hasher(Hasher h) {
            this.hasher = h;
            return this;
        }

        public ReconcileOptions build() {
            return new ReconcileOptions(services, forceRecreate, noRecreate, noDeps, alwaysRecreateDeps,
                    removeOrphans, ignoreOrphans, renewAnonVolumes, noStart, scale, imageDigests,
                    confirmVolumeRecreate, hasher);
        }
    }
}
