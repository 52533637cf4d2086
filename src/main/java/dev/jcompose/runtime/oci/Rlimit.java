package dev.jcompose.runtime.oci;

import java.util.Locale;
import java.util.Set;

/** One resource limit (a compose/Docker ulimit): {@code type} is the kernel name such as RLIMIT_NOFILE. */
public record Rlimit(String type, long soft, long hard) {
    private static final Set<String> KNOWN = Set.of("AS", "CORE", "CPU", "DATA", "FSIZE", "LOCKS", "MEMLOCK",
            "MSGQUEUE", "NICE", "NOFILE", "NPROC", "RSS", "RTPRIO", "RTTIME", "SIGPENDING", "STACK");

    public Rlimit {
        String bare = type.toUpperCase(Locale.ROOT).replaceFirst("^RLIMIT_", "");
        if (!KNOWN.contains(bare)) {
            throw new IllegalArgumentException("unknown ulimit type: " + type);
        }
        type = "RLIMIT_" + bare;
        if (soft > hard) {
            throw new IllegalArgumentException("ulimit " + type + ": soft limit " + soft + " exceeds hard limit "
                    + hard);
        }
    }

    /** From Docker's ulimit names ({@code nofile}, {@code nproc}...). */
    public static Rlimit of(String dockerName, long soft, long hard) {
        return new Rlimit(dockerName, soft, hard);
    }
}
