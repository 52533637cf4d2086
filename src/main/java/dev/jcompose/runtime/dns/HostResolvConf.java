package dev.jcompose.runtime.dns;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a resolv.conf we care about. Loopback nameservers (127.0.0.0/8, ::1: systemd-resolved, dnsmasq)
 * only work from the host's network namespace: the embedded DNS forwards from the daemon, which is there, but a
 * resolv.conf handed straight to a container must drop them.
 */
public record HostResolvConf(List<String> nameservers, List<String> search, List<String> options) {
    public HostResolvConf {
        nameservers = List.copyOf(nameservers);
        search = List.copyOf(search);
        options = List.copyOf(options);
    }

    public static HostResolvConf parse(String text) {
        List<String> ns = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] words = line.split("\\s+");
            switch (words[0]) {
                case "nameserver" -> {
                    if (words.length > 1) {
                        ns.add(words[1]);
                    }
                }
                // The last search/domain line wins, as in glibc.
                case "search", "domain" -> {
                    search.clear();
                    search.addAll(List.of(words).subList(1, words.length));
                }
                case "options" -> options.addAll(List.of(words).subList(1, words.length));
                default -> {
                }
            }
        }
        return new HostResolvConf(ns, search, options);
    }

    public static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1");
    }

    public HostResolvConf withoutLoopback() {
        return new HostResolvConf(nameservers.stream().filter(a -> !isLoopback(a)).toList(), search, options);
    }

    /** Upstreams for the forwarder (port 53), loopback included: the daemon runs in the host namespace. */
    public List<InetSocketAddress> upstreams() {
        return nameservers.stream().map(a -> new InetSocketAddress(Addresses.literal(a), 53)).toList();
    }
}
