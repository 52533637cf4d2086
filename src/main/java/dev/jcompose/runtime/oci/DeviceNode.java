package dev.jcompose.runtime.oci;

/**
 * A device node to create in the container's /dev (compose {@code devices:}); the caller stats the host
 * device and passes its numbers, so the generator stays pure. Also allowed in the device cgroup.
 */
public record DeviceNode(String path, String type, long major, long minor, int fileMode, int uid, int gid,
        String cgroupAccess) {
    public DeviceNode {
        if (!path.startsWith("/dev/")) {
            throw new IllegalArgumentException("device path must be under /dev: " + path);
        }
        if (!type.equals("c") && !type.equals("b") && !type.equals("u") && !type.equals("p")) {
            throw new IllegalArgumentException("device type must be c, b, u or p: " + type);
        }
    }
}
