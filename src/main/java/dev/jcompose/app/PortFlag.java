package dev.jcompose.app;

import dev.jcompose.engine.ContainerSpec.PortBinding;
import dev.jcompose.error.ComposeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * `run -p [IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTOCOL]`, as docker's port spec reads it: one binding
 * per container port of a range; a single container port with a host range lets the engine pick in the range.
 */
final class PortFlag {
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

    private PortFlag() {
    }

    static List<PortBinding> parse(String raw) {
        String spec = raw;
        String protocol = "tcp";
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            protocol = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
            spec = spec.substring(0, slash);
            if (!PROTOCOLS.contains(protocol)) {
                throw invalid(raw, "invalid proto: " + protocol);
            }
        }
        int last = spec.lastIndexOf(':');
        String container = spec.substring(last + 1);
        String front = last < 0 ? "" : spec.substring(0, last);
        String ip = "";
        String host = front;
        // An IPv6 address is bracketed: [::1]:8080:80
        int hostColon = front.endsWith("]") ? -1 : front.lastIndexOf(':');
        if (hostColon >= 0) {
            ip = front.substring(0, hostColon);
            host = front.substring(hostColon + 1);
        } else if (front.startsWith("[")) {
            ip = front;
            host = "";
        }
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        int[] target = range(container, raw, "invalid containerPort: " + container);
        int[] published = host.isEmpty() ? null : range(host, raw, "invalid hostPort: " + host);
        List<PortBinding> out = new ArrayList<>();
        int count = target[1] - target[0] + 1;
        if (published != null && count > 1 && published[1] - published[0] + 1 != count) {
            throw invalid(raw, "invalid ranges specified for container and host Ports: " + container + " and "
                    + host);
        }
        for (int i = 0; i < count; i++) {
            String hostPort = "";
            if (published != null) {
                hostPort = count > 1 ? Integer.toString(published[0] + i)
                        : published[0] == published[1] ? Integer.toString(published[0]) : host;
            }
            out.add(new PortBinding(ip, hostPort, target[0] + i, protocol));
        }
        return out;
    }

    private static int[] range(String text, String raw, String message) {
        String[] ends = text.split("-", -1);
        if (ends.length > 2) {
            throw invalid(raw, message);
        }
        try {
            int start = Integer.parseInt(ends[0]);
            int end = ends.length == 2 ? Integer.parseInt(ends[1]) : start;
            if (start < 0 || end > 65535 || end < start) {
                throw invalid(raw, message);
            }
            return new int[] {start, end};
        } catch (NumberFormatException e) {
            throw invalid(raw, message);
        }
    }

    private static ComposeException invalid(String raw, String message) {
        return ComposeException.usage("invalid port \"" + raw + "\": " + message);
    }
}
