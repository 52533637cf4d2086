package dev.jcompose.model;

/**
 * A published or exposed port in long syntax. {@code published} is a port or range ("8080", "8000-8010") or
 * null for an ephemeral host port; {@code hostIp} null means all interfaces.
 */
public record PortSpec(String name, int target, String published, String hostIp, String protocol, String mode,
        String appProtocol) {
    public PortSpec {
        if (target < 0 || target > 65535) {
            throw new IllegalArgumentException("port out of range: " + target);
        }
        protocol = protocol == null ? "tcp" : protocol;
        mode = mode == null ? "ingress" : mode;
    }
}
