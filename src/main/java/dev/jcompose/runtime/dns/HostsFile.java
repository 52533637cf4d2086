package dev.jcompose.runtime.dns;

import java.util.List;

/**
 * /etc/hosts and /etc/hostname for a container with its own network namespace, laid out as Docker writes them:
 * the loopback and IPv6 well-known lines, then {@code extra_hosts}, then the container's own address with its
 * hostname (fully qualified first when a domainname is set).
 */
public final class HostsFile {
    /** One {@code extra_hosts} entry ({@code host:ip} in compose). */
    public record Entry(String hostname, String ip) {
    }

    private static final String DEFAULTS = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    private HostsFile() {
    }

    /**
     * @param ip         the container's address on its first network; null without one (network none), when
     *                   Docker writes no line for the container
     * @param domainname may be null or empty
     */
    public static String hosts(String ip, String hostname, String domainname, List<Entry> extraHosts) {
        StringBuilder out = new StringBuilder(DEFAULTS);
        extraHosts.forEach(e -> out.append(e.ip()).append('\t').append(e.hostname()).append('\n'));
        if (ip != null && !ip.isEmpty()) {
            out.append(ip).append('\t');
            if (domainname != null && !domainname.isEmpty()) {
                out.append(hostname).append('.').append(domainname).append(' ');
            }
            out.append(hostname).append('\n');
        }
        return out.toString();
    }

    public static String hostname(String hostname) {
        return hostname + "\n";
    }
}
