package dev.jcompose.cli;

import dev.jcompose.engine.PublishedPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PORTS column of `docker ps` / `compose ps` (docker's DisplayablePorts): consecutive ports with the same
 * address and protocol group into ranges ("0.0.0.0:8000-8001->8000-8001/tcp"), a host port different from
 * the container port is listed on its own ("127.0.0.1:18080->8080/tcp"), unpublished ports show as "80/tcp".
 */
final class PortsText {
    private PortsText() {
    }

    private record Group(int first, int last) {
    }

    static String of(List<PublishedPort> ports) {
        List<PublishedPort> sorted = new ArrayList<>(ports);
        sorted.sort(Comparator.comparingInt(PublishedPort::containerPort)
                .thenComparing((a, b) -> compareIp(a.hostIp(), b.hostIp()))
                .thenComparingInt(PublishedPort::hostPort)
                .thenComparing(PublishedPort::protocol));
        Map<String, Group> groups = new LinkedHashMap<>();
        List<String> result = new ArrayList<>();
        List<String> hostMappings = new ArrayList<>();
        for (PublishedPort p : sorted) {
            int current = p.containerPort();
            String key = p.protocol();
            if (!p.hostIp().isEmpty()) {
                if (p.hostPort() != current) {
                    hostMappings.add(joinHostPort(p.hostIp(), Integer.toString(p.hostPort())) + "->" + current + "/"
                            + p.protocol());
                    continue;
                }
                key = p.hostIp() + "/" + p.protocol();
            }
            Group g = groups.get(key);
            if (g == null) {
                groups.put(key, new Group(current, current));
            } else if (current == g.last() + 1) {
                groups.put(key, new Group(g.first(), current));
            } else {
                result.add(formGroup(key, g));
                // Go re-inserts the key; its position in the final pass stays where it first appeared.
                groups.put(key, new Group(current, current));
            }
        }
        groups.forEach((key, g) -> result.add(formGroup(key, g)));
        result.addAll(hostMappings);
        return String.join(", ", result);
    }

    private static String formGroup(String key, Group g) {
        int slash = key.lastIndexOf('/');
        String ip = slash < 0 ? "" : key.substring(0, slash);
        String type = slash < 0 ? key : key.substring(slash + 1);
        String group = g.first() == g.last() ? Integer.toString(g.first()) : g.first() + "-" + g.last();
        if (!ip.isEmpty()) {
            group = joinHostPort(ip, group) + "->" + group;
        }
        return group + "/" + type;
    }

    private static String joinHostPort(String host, String port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** netip.Addr.Less: no address first, then IPv4 before IPv6, then by bytes. */
    private static int compareIp(String a, String b) {
        byte[] x = bytes(a);
        byte[] y = bytes(b);
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return java.util.Arrays.compareUnsigned(x, y);
    }

    private static byte[] bytes(String ip) {
        if (ip.isEmpty()) {
            return new byte[0];
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            return new byte[0];
        }
    }
}
