package dev.jcompose.runtime.ports;

import dev.jcompose.runtime.RuntimeError;
import java.util.Locale;

/**
 * One published port as the API gives it ({@code HostConfig.PortBindings}: {@code "80/tcp": [{HostIp, HostPort}]}).
 * A host port range ({@code "8000-8010"}) means the first free port of the range, as in Docker; port 0 (or an
 * empty HostPort) means any port, chosen by the kernel.
 *
 * @param hostIp   empty or null: all addresses (0.0.0.0)
 * @param protocol tcp or udp
 */
public record PortRequest(String hostIp, int hostPortStart, int hostPortEnd, int containerPort, String protocol) {
    public PortRequest {
        hostIp = hostIp == null || hostIp.isEmpty() ? "0.0.0.0" : hostIp;
        protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol.toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw RuntimeError.badRequest("unsupported protocol " + protocol + " (tcp and udp are)");
        }
        if (containerPort < 1 || containerPort > 65535) {
            throw RuntimeError.badRequest("invalid container port " + containerPort);
        }
        if (hostPortStart < 0 || hostPortEnd > 65535 || hostPortEnd < hostPortStart) {
            throw RuntimeError.badRequest("invalid host port range " + hostPortStart + "-" + hostPortEnd);
        }
    }

    public static PortRequest tcp(String hostIp, int hostPort, int containerPort) {
        return new PortRequest(hostIp, hostPort, hostPort, containerPort, "tcp");
    }

    public static PortRequest udp(String hostIp, int hostPort, int containerPort) {
        return new PortRequest(hostIp, hostPort, hostPort, containerPort, "udp");
    }

    /** Parses the API's HostPort text: "", "8080" or "8000-8010". */
    public static PortRequest of(String hostIp, String hostPort, int containerPort, String protocol) {
        String hp = hostPort == null ? "" : hostPort.strip();
        if (hp.isEmpty()) {
            return new PortRequest(hostIp, 0, 0, containerPort, protocol);
        }
        int dash = hp.indexOf('-');
        try {
            int start = Integer.parseInt(dash < 0 ? hp : hp.substring(0, dash));
            int end = dash < 0 ? start : Integer.parseInt(hp.substring(dash + 1));
            return new PortRequest(hostIp, start, end, containerPort, protocol);
        } catch (NumberFormatException e) {
            throw RuntimeError.badRequest("invalid host port " + hostPort);
        }
    }

    boolean isRange() {
        return hostPortEnd > hostPortStart;
    }

    /** Docker's spelling of the host side in errors: {@code 0.0.0.0:8080} or {@code 0.0.0.0:8000-8010}. */
    String hostSide() {
        return hostIp + ":" + (isRange() ? hostPortStart + "-" + hostPortEnd : Integer.toString(hostPortStart));
    }
}
