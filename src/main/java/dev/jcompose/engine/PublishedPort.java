package dev.jcompose.engine;

/** A container port and, when published, where on the host (hostPort 0 = not published). */
public record PublishedPort(String hostIp, int hostPort, int containerPort, String protocol) {
    public PublishedPort {
        hostIp = hostIp == null ? "" : hostIp;
        protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
    }
}
