package dev.jcompose.runtime.oci;

/**
 * One device-cgroup rule: allow or deny {@code type} (c, b or a) {@code major:minor} (null = any) with
 * {@code access} (some of r, w, m).
 */
public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {
    public DeviceRule {
        if (!type.equals("a") && !type.equals("c") && !type.equals("b")) {
            throw new IllegalArgumentException("device type must be a, c or b: " + type);
        }
        if (access.isEmpty() || !access.matches("[rwm]{1,3}")) {
            throw new IllegalArgumentException("device access must be made of r, w, m: " + access);
        }
    }

    public static DeviceRule allowChar(long major, Long minor) {
        return new DeviceRule(true, "c", major, minor, "rwm");
    }
}
