package dev.jcompose.runtime.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists every host object carrying the test names of {@link Naming#TEST}: links (bridges, veths), namespaces,
 * iptables chains or rules, and sockets listening on the test subnets (DNS servers, proxies). A clean host
 * yields an empty list; anything else is printed in the assertion message.
 */
public final class ResidueScan {
    /** What a test daemon left: objects with the daemon test names, sockets in its pool. */
    public static List<String> daemonTestResidue() {
        return new ResidueScan(new ProcessHostCommands(30), dev.jcompose.runtime.netattach.EmbeddedNetworking
                .DAEMON_TEST, "10.214.").residue();
    }

    private final HostCommands host;
    private final Naming naming;
    private final String subnetPrefix;

    /** @param subnetPrefix the text start of the test pool's addresses, e.g. {@code "10.213."} */
    ResidueScan(HostCommands host, Naming naming, String subnetPrefix) {
        this.host = host;
        this.naming = naming;
        this.subnetPrefix = subnetPrefix;
    }

    public List<String> residue() {
        List<String> found = new ArrayList<>();
        LinkManager links = new LinkManager(host);
        for (String link : links.links()) {
            if (link.startsWith(naming.bridgePrefix()) || link.startsWith(naming.vethPrefix())
                    || link.equals(naming.defaultBridge())) {
                found.add("link " + link);
            }
        }
        for (String ns : links.netns()) {
            if (ns.startsWith(naming.netnsPrefix())) {
                found.add("netns " + ns);
            }
        }
        for (String table : List.of("filter", "nat")) {
            String rules = host.run(List.of("iptables", "-w", "-t", table, "-S")).stdout();
            rules.lines().filter(l -> l.contains(naming.chainPrefix()) || l.contains(naming.comment()))
                    .forEach(l -> found.add("iptables -t " + table + " " + l));
        }
        for (String proto : List.of("-lntH", "-lnuH")) {
            host.run(List.of("ss", proto)).stdout().lines().filter(l -> l.contains(" " + subnetPrefix))
                    .forEach(l -> found.add("socket " + l.strip()));
        }
        return found;
    }
}
