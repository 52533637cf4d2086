package dev.jcompose.runtime.oci;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Linux capability names and Docker's cap_add / cap_drop / privileged arithmetic. */
public final class Capabilities {
    /** Every capability by number (index = bit), as in linux/capability.h up to 5.9. */
    public static final List<String> ALL_KNOWN = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
            "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
            "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
            "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
            "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    /** Docker's default set: the 14 capabilities of an unprivileged container (CapEff 00000000a80425fb). */
    public static final Set<String> DOCKER_DEFAULT = Set.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private static final String ALL = "ALL";

    private Capabilities() {}

    /** {@code chown}, {@code CAP_CHOWN}, {@code cap_chown} → CAP_CHOWN; "all" → ALL; unknown names fail. */
    public static String normalize(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals(ALL)) {
            return ALL;
        }
        String full = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
        if (!ALL_KNOWN.contains(full)) {
            throw new IllegalArgumentException("unknown capability: \"" + name + "\"");
        }
        return full;
    }

    /** All capabilities the host kernel knows: numbers 0..lastCap. */
    public static List<String> allOnHost(int lastCap) {
        return ALL_KNOWN.subList(0, Math.min(lastCap + 1, ALL_KNOWN.size()));
    }

    /**
     * Docker's rule: privileged → all; cap_add ALL → all minus drops; cap_drop ALL → only the adds; otherwise
     * defaults minus drops plus adds (an add wins over a drop of the same name). Result sorted by name.
     */
    public static List<String> effective(SecurityOptions security, int lastCap) {
        List<String> all = allOnHost(lastCap);
        if (security.privileged()) {
            return sorted(all);
        }
        Set<String> add = normalizeAll(security.capAdd());
        Set<String> drop = normalizeAll(security.capDrop());
        Set<String> result = new LinkedHashSet<>();
        if (add.contains(ALL)) {
            all.stream().filter(c -> !drop.contains(c)).forEach(result::add);
        } else if (drop.contains(ALL)) {
            result.addAll(add);
        } else {
            DOCKER_DEFAULT.stream().filter(c -> !drop.contains(c)).forEach(result::add);
            result.addAll(add);
        }
        return sorted(result);
    }

    /** The /proc/PID/status CapEff-style hex mask of a set of names. */
    public static String mask(Iterable<String> names) {
        long bits = 0;
        for (String n : names) {
            bits |= 1L << ALL_KNOWN.indexOf(normalize(n));
        }
        return String.format("%016x", bits);
    }

    private static Set<String> normalizeAll(Set<String> names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            out.add(normalize(n));
        }
        return out;
    }

    private static List<String> sorted(Iterable<String> caps) {
        List<String> out = new ArrayList<>();
        caps.forEach(out::add);
        out.sort(null);
        return List.copyOf(out);
    }
}
