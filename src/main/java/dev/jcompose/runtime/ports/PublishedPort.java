package dev.jcompose.runtime.ports;

/** A port actually bound on the host (the kernel's choice when port 0 was asked), as {@code docker port} shows. */
public record PublishedPort(String hostIp, int hostPort, String containerIp, int containerPort, String protocol) {
    @Override
    public String toString() {
        return containerPort + "/" + protocol + " -> " + hostIp + ":" + hostPort;
    }
}
