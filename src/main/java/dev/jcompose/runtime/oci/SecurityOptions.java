package dev.jcompose.runtime.oci;

import java.util.Set;
import java.util.TreeSet;

/**
 * Docker's security knobs: privileged, cap_add/cap_drop (names with or without CAP_, "ALL" allowed),
 * no-new-privileges and the seccomp choice. The default equals {@code docker run} without options.
 */
public record SecurityOptions(boolean privileged, Set<String> capAdd, Set<String> capDrop, boolean noNewPrivileges,
        Seccomp seccomp) {
    public static final SecurityOptions DEFAULT = new SecurityOptions(false, Set.of(), Set.of(), false,
            Seccomp.DEFAULT);

    /** DEFAULT is jcompose's bundled profile (equivalent to moby's); UNCONFINED applies none. */
    public enum Seccomp { DEFAULT, UNCONFINED }

    public SecurityOptions {
        capAdd = Set.copyOf(new TreeSet<>(capAdd));
        capDrop = Set.copyOf(new TreeSet<>(capDrop));
    }

    public SecurityOptions withPrivileged(boolean value) {
        return new SecurityOptions(value, capAdd, capDrop, noNewPrivileges, seccomp);
    }

    public SecurityOptions withCaps(Set<String> add, Set<String> drop) {
        return new SecurityOptions(privileged, add, drop, noNewPrivileges, seccomp);
    }

    public SecurityOptions withNoNewPrivileges(boolean value) {
        return new SecurityOptions(privileged, capAdd, capDrop, value, seccomp);
    }

    public SecurityOptions withSeccomp(Seccomp value) {
        return new SecurityOptions(privileged, capAdd, capDrop, noNewPrivileges, value);
    }
}
