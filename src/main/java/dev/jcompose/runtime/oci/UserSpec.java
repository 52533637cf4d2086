package dev.jcompose.runtime.oci;

import java.util.List;

/** The numeric identity the container's process runs as (names are resolved by the caller, against the image). */
public record UserSpec(int uid, int gid, List<Integer> additionalGids) {
    public static final UserSpec ROOT = new UserSpec(0, 0, List.of());

    public UserSpec {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must be >= 0, got " + uid + ":" + gid);
        }
        additionalGids = List.copyOf(additionalGids);
    }
}
