package dev.jcompose.runtime.network;

/**
 * One published port as the firewall sees it in DNAT mode: traffic for {@code hostIp:hostPort} (0.0.0.0 = every
 * local address) goes to {@code containerIp:containerPort}. The host port is the one actually reserved (an
 * ephemeral one already resolved).
 */
public record PortMapping(String hostIp, int hostPort, String containerIp, int containerPort, String protocol) {
    public PortMapping {
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("protocol " + protocol);
        }
        if (hostPort < 1 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + hostPort + " -> " + containerPort);
        }
        Ipv4.parse(hostIp); // IPv4 literals only: iptables, not ip6tables
        Ipv4.parse(containerIp);
    }

    boolean anyHostAddress() {
        return hostIp.equals("0.0.0.0");
    }
}
