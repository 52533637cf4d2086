package dev.jcompose.runtime.network;

/**
 * Docker's MAC scheme: {@code 02:42} (locally administered, unicast) followed by the four IPv4 bytes. Deriving the
 * MAC from the IP means a reused IP comes back with the same MAC, so a stale ARP entry on the bridge stays right.
 */
public final class MacAddress {
    private MacAddress() {
    }

    public static String fromIp(int ipv4) {
        byte[] b = Ipv4.bytes(ipv4);
        return String.format("02:42:%02x:%02x:%02x:%02x", b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
    }

    public static String fromIp(String ipv4) {
        return fromIp(Ipv4.parse(ipv4));
    }
}
