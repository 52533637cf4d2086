package dev.jcompose.runtime.oci;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything needed to run one container, in engine-neutral terms (no compose, no Docker API types). The image
 * config has already been merged in by the caller: {@code args} is entrypoint + command, {@code env} the final
 * KEY=value list, {@code user} numeric. {@code rootfs} is a mounted directory the caller owns.
 */
public record ContainerConfig(List<String> args, List<String> env, String cwd, UserSpec user, List<Rlimit> rlimits,
        Integer oomScoreAdj, String hostname, String domainname, Path rootfs, boolean readonlyRootfs,
        List<MountSpec> mounts, SecurityOptions security, Namespaces namespaces, Map<String, String> sysctls,
        ResourceLimits resources, long shmSizeBytes, boolean init, ProcessStdio stdio) {
    /** Docker's default /dev/shm size: 64 MiB. */
    public static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;

    public ContainerConfig {
        args = List.copyOf(args);
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new IllegalArgumentException("no command: a container needs at least one argument");
        }
        env = List.copyOf(env);
        for (String e : env) {
            if (e.indexOf('=') <= 0) {
                throw new IllegalArgumentException("environment entry must be KEY=value: \"" + e + "\"");
            }
        }
        if (!cwd.startsWith("/")) {
            throw new IllegalArgumentException("working directory must be absolute: " + cwd);
        }
        Objects.requireNonNull(user);
        rlimits = List.copyOf(rlimits);
        Objects.requireNonNull(hostname);
        Objects.requireNonNull(domainname);
        if (!rootfs.isAbsolute()) {
            throw new IllegalArgumentException("rootfs must be an absolute path: " + rootfs);
        }
        mounts = List.copyOf(mounts);
        Objects.requireNonNull(security);
        Objects.requireNonNull(namespaces);
        sysctls = Map.copyOf(new TreeMap<>(sysctls));
        Objects.requireNonNull(resources);
        Objects.requireNonNull(stdio);
        if (shmSizeBytes <= 0) {
            throw new IllegalArgumentException("shm size must be positive: " + shmSizeBytes);
        }
    }

    public static Builder builder(Path rootfs, List<String> args) {
        return new Builder(rootfs, args);
    }

    public Builder toBuilder() {
        Builder b = new Builder(rootfs, args);
        b.env = new ArrayList<>(env);
        b.cwd = cwd;
        b.user = user;
        b.rlimits = rlimits;
        b.oomScoreAdj = oomScoreAdj;
        b.hostname = hostname;
        b.domainname = domainname;
        b.readonlyRootfs = readonlyRootfs;
        b.mounts = new ArrayList<>(mounts);
        b.security = security;
        b.namespaces = namespaces;
        b.sysctls = new TreeMap<>(sysctls);
        b.resources = resources;
        b.shmSizeBytes = shmSizeBytes;
        b.init = init;
        b.stdio = stdio;
        return b;
    }

    /** Mutable builder with Docker's defaults; every setter returns this. */
    public static final class Builder {
        private final Path rootfs;
        private List<String> args;
        private List<String> env = new ArrayList<>();
        private String cwd = "/";
        private UserSpec user = UserSpec.ROOT;
        private List<Rlimit> rlimits = List.of();
        private Integer oomScoreAdj = 0;
        private String hostname = "";
        private String domainname = "";
        private boolean readonlyRootfs;
        private List<MountSpec> mounts = new ArrayList<>();
        private SecurityOptions security = SecurityOptions.DEFAULT;
        private Namespaces namespaces = Namespaces.PRIVATE;
        private Map<String, String> sysctls = new TreeMap<>();
        private ResourceLimits resources = ResourceLimits.NONE;
        private long shmSizeBytes = DEFAULT_SHM_SIZE;
        private boolean init;
        private ProcessStdio stdio = ProcessStdio.NONE;

        private Builder(Path rootfs, List<String> args) {
            this.rootfs = rootfs;
            this.args = args;
        }

        public Builder args(List<String> value) {
            this.args = value;
            return this;
        }

        public Builder env(List<String> value) {
            this.env = new ArrayList<>(value);
            return this;
        }

        public Builder cwd(String value) {
            this.cwd = value;
            return this;
        }

        public Builder user(UserSpec value) {
            this.user = value;
            return this;
        }

        public Builder rlimits(List<Rlimit> value) {
            this.rlimits = value;
            return this;
        }

        public Builder oomScoreAdj(Integer value) {
            this.oomScoreAdj = value;
            return this;
        }

        public Builder hostname(String value) {
            this.hostname = value;
            return this;
        }

        public Builder domainname(String value) {
            this.domainname = value;
            return this;
        }

        public Builder readonlyRootfs(boolean value) {
            this.readonlyRootfs = value;
            return this;
        }

        public Builder mounts(List<MountSpec> value) {
            this.mounts = new ArrayList<>(value);
            return this;
        }

        public Builder addMount(MountSpec value) {
            this.mounts.add(value);
            return this;
        }

        public Builder security(SecurityOptions value) {
            this.security = value;
            return this;
        }

        public Builder namespaces(Namespaces value) {
            this.namespaces = value;
            return this;
        }

        public Builder sysctls(Map<String, String> value) {
            this.sysctls = new TreeMap<>(value);
            return this;
        }

        public Builder resources(ResourceLimits value) {
            this.resources = value;
            return this;
        }

        public Builder shmSize(long bytes) {
            this.shmSizeBytes = bytes;
            return this;
        }

        public Builder init(boolean value) {
            this.init = value;
            return this;
        }

        public Builder stdio(ProcessStdio value) {
            this.stdio = value;
            return this;
        }

        public ContainerConfig build() {
            return new ContainerConfig(args, env, cwd, user, rlimits, oomScoreAdj, hostname, domainname, rootfs,
                    readonlyRootfs, mounts, security, namespaces, sysctls, resources, shmSizeBytes, init, stdio);
        }
    }
}
