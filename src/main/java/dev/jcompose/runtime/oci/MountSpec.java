package dev.jcompose.runtime.oci;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A mount the caller asks for on top of the default ones (which a mount on the same destination replaces). */
public sealed interface MountSpec {
    /** Absolute path inside the container. */
    String destination();

    /** Mount propagation of a bind; Docker's default is rprivate. */
    enum Propagation {
        RPRIVATE, PRIVATE, RSHARED, SHARED, RSLAVE, SLAVE;

        public String option() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A bind mount of a host path. {@code readOnlyWithRootfs} marks the engine's own files (/etc/hosts,
     * /etc/resolv.conf, /etc/hostname): like Docker, they become read-only when the rootfs is read-only.
     */
    record Bind(Path source, String destination, boolean readOnly, Propagation propagation, boolean recursive,
            boolean readOnlyWithRootfs) implements MountSpec {
        public Bind {
            requireAbsolute(destination);
            if (!source.isAbsolute()) {
                throw new IllegalArgumentException("bind source must be an absolute host path: " + source);
            }
        }

        public static Bind of(Path source, String destination, boolean readOnly) {
            return new Bind(source, destination, readOnly, Propagation.RPRIVATE, true, false);
        }

        /** An engine-managed file such as /etc/hosts: writable unless the rootfs is read-only. */
        public static Bind engineFile(Path source, String destination) {
            return new Bind(source, destination, false, Propagation.RPRIVATE, true, true);
        }
    }

    /**
     * A tmpfs; Docker mounts these noexec,nosuid,nodev. {@code sizeBytes} and {@code mode} are optional (null);
     * {@code extraOptions} pass through as given (e.g. "exec" to undo noexec).
     */
    record Tmpfs(String destination, Long sizeBytes, Integer mode, boolean readOnly, List<String> extraOptions)
            implements MountSpec {
        public Tmpfs {
            requireAbsolute(destination);
            if (sizeBytes != null && sizeBytes <= 0) {
                throw new IllegalArgumentException("tmpfs size must be positive: " + sizeBytes);
            }
            if (mode != null && (mode < 0 || mode > 07777)) {
                throw new IllegalArgumentException("tmpfs mode out of range: " + Integer.toOctalString(mode));
            }
            extraOptions = List.copyOf(extraOptions);
        }

        public static Tmpfs of(String destination) {
            return new Tmpfs(destination, null, null, false, List.of());
        }
    }

    private static void requireAbsolute(String destination) {
        if (!destination.startsWith("/")) {
            throw new IllegalArgumentException("mount destination must be an absolute path: " + destination);
        }
    }
}
