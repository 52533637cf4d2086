package dev.jcompose.load.normalize;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The short port syntax {@code [HOST_IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTOCOL]}, parsed as docker's
 * nat.ParsePortSpec: one entry per container port of a range, published as a string ("8080", or a host range
 * "8000-8010" when a single container port takes a dynamic host port).
 */
final class PortSyntax {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    private PortSyntax() {
    }

    /** One parsed mapping: hostIp and published are "" when absent. */
    record Port(String hostIp, long target, String published, String protocol) {
    }

    static List<Port> parse(String raw) {
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String ip;
        String hostPort;
        String containerPort = parts[n - 1];
        switch (n) {
            case 1 -> {
                ip = "";
                hostPort = "";
            }
            case 2 -> {
                ip = "";
                hostPort = parts[0];
            }
            case 3 -> {
                ip = parts[0];
                hostPort = parts[1];
            }
            default -> {
                ip = String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2));
                hostPort = parts[n - 2];
            }
        }
        String proto = "tcp";
        int slash = containerPort.indexOf('/');
        if (slash >= 0) {
            proto = containerPort.substring(slash + 1);
            containerPort = containerPort.substring(0, slash);
        }
        if (ip.startsWith("[")) {
            if (!ip.endsWith("]")) {
                throw new IllegalArgumentException("invalid IP address " + ip);
            }
            ip = ip.substring(1, ip.length() - 1);
        }
        if (!ip.isEmpty() && !isIp(ip)) {
            throw new IllegalArgumentException("invalid IP address: " + ip);
        }
        if (containerPort.isEmpty()) {
            throw new IllegalArgumentException("no port specified: " + raw + "<empty>");
        }
        long[] target = range(containerPort, "invalid containerPort: " + containerPort);
        long[] host = {0, 0};
        if (!hostPort.isEmpty()) {
            host = range(hostPort, "invalid hostPort: " + hostPort);
        }
        if (!hostPort.isEmpty() && target[1] - target[0] != host[1] - host[0] && target[1] != target[0]) {
            throw new IllegalArgumentException("invalid ranges specified for container and host Ports: "
                    + containerPort + " and " + hostPort);
        }
        String protocol = proto.toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
            throw new IllegalArgumentException("invalid proto: " + proto);
        }
        List<Port> out = new ArrayList<>();
        for (long i = 0; i <= target[1] - target[0]; i++) {
            String published = "";
            if (!hostPort.isEmpty()) {
                published = Long.toString(host[0] + i);
                if (target[0] == target[1] && host[0] != host[1]) {
                    published = published + "-" + host[1];
                }
            }
            out.add(new Port(ip, target[0] + i, published, protocol));
        }
        // compose-go orders the ports of one spec by their "port/proto" text (so "10" sorts before "9").
        out.sort(Comparator.comparing(p -> p.target() + "/" + p.protocol()));
        return out;
    }

    private static long[] range(String text, String error) {
        int dash = text.indexOf('-');
        try {
            if (dash < 0) {
                long p = port(text);
                return new long[] {p, p};
            }
            long start = port(text.substring(0, dash));
            long end = port(text.substring(dash + 1));
            if (end < start) {
                throw new IllegalArgumentException(error);
            }
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(error);
        }
    }

    private static long port(String s) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException(s);
        }
        long v = Long.parseLong(s);
        if (v > 65535) {
            throw new NumberFormatException(s);
        }
        return v;
    }

    static boolean isIp(String ip) {
        if (IPV4.matcher(ip).matches()) {
            return true;
        }
        if (!ip.contains(":") || !IPV6_CHARS.matcher(ip).matches()) {
            return false;
        }
        try {
            // Only literal-shaped text reaches here, so no name lookup happens.
            InetAddress.getByName(ip);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
