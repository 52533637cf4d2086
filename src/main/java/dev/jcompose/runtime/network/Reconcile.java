package dev.jcompose.runtime.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Cleanup after a crash or a kill -9, and the host teardown of {@code engine stop --cleanup}: one implementation
 * for both. The persisted state says what should exist, the host says what does. Endpoints of dead containers
 * are detached; links, namespaces and rules that carry our names but belong to nothing wanted are deleted;
 * address leases are made to match the endpoint records. At daemon start the networks' bridges and rules are
 * wanted; at a cleanup shutdown nothing is (the records stay, the next start brings the bridges back). Objects
 * without our prefixes are never looked at. Host-side veths go before namespaces (namespace deletion is
 * asynchronous), and every step tolerates "already gone". Returns what was removed, one line per object.
 */
final class Reconcile {
    private static final System.Logger LOG = System.getLogger(Reconcile.class.getName());

    private final NetworkManager.Config config;
    private final NetworkRegistry registry;
    private final LinkManager links;
    private final Firewall firewall;
    private final Endpoints endpoints;
    private final List<String> removed = new ArrayList<>();

    Reconcile(NetworkManager.Config config, NetworkRegistry registry, LinkManager links, Firewall firewall,
            Endpoints endpoints) {
        this.config = config;
        this.registry = registry;
        this.links = links;
        this.firewall = firewall;
        this.endpoints = endpoints;
    }

    /**
     * @param liveContainers containers whose endpoints and namespaces stay
     * @param keepNetworks   true at daemon start (bridges and rules of known networks stay), false at a cleanup
     *                       shutdown (every bridge and rule of ours goes)
     */
    List<String> run(Set<String> liveContainers, boolean keepNetworks) {
        Naming naming = config.naming();
        for (EndpointRecord e : registry.allEndpoints()) {
            if (!liveContainers.contains(e.containerId())) {
                endpoints.detach(registry.resolve(e.networkId()), e);
                note("endpoint " + e.networkName() + "/" + e.containerId().substring(0, Math.min(12, e.containerId().length()))
                        + (e.ipv4() == null ? "" : " (lease " + e.ipv4() + ")"));
            }
        }
        List<NetworkRecord> bridges = registry.networks().stream().filter(NetworkRecord::bridgeDriver).toList();
        for (NetworkRecord n : bridges) {
            boolean changed = registry.ipam(n.id()).syncLeases(registry.endpointsOf(n.id()).stream()
                    .filter(e -> e.ipv4() != null).map(e -> Ipv4.parse(e.ipv4())).toList());
            if (changed) {
                note("stale IPAM leases of network " + n.name());
            }
        }
        List<NetworkRecord> wanted = keepNetworks ? bridges : List.of();
        Set<String> knownBridges = wanted.stream().map(NetworkRecord::bridge).collect(Collectors.toSet());
        Set<String> knownVeths = registry.allEndpoints().stream().filter(EndpointRecord::hasLink)
                .map(EndpointRecord::hostVeth).collect(Collectors.toSet());
        Predicate<String> ourBridge = name -> name.equals(naming.defaultBridge()) || name.startsWith(naming.bridgePrefix());
        for (String link : links.links()) {
            // the peer of a host-side pair goes with its other end: check it is still there
            if (link.startsWith(naming.vethPrefix()) && !knownVeths.contains(link) && links.linkExists(link)) {
                links.applyIgnoringErrors(LinkPlan.detach(link));
                note("link " + link);
            }
        }
        for (String ns : links.netns()) {
            if (ns.startsWith(naming.netnsPrefix())
                    && !liveContainers.contains(ns.substring(naming.netnsPrefix().length()))) {
                links.applyIgnoringErrors(LinkPlan.removeNetns(ns, List.of()));
                note("netns " + ns);
            }
        }
        for (String link : links.links()) {
            if (ourBridge.test(link) && !knownBridges.contains(link)) {
                if (!keepNetworks) {
                    registry.networks().stream().filter(n -> link.equals(n.bridge()))
                            .forEach(n -> config.dns().stopNetwork(n.name()));
                }
                links.applyIgnoringErrors(LinkPlan.removeBridge(link));
                note("bridge " + link);
            }
        }
        // port rules of containers that are gone go too (found by their tag; the cleanup shutdown flushes them all)
        firewall.reconcile(wanted.stream().map(NetworkRecord::firewallBridge).toList(), ourBridge,
                liveContainers::contains).forEach(this::note);
        return List.copyOf(removed);
    }

    private void note(String what) {
        removed.add(what);
        LOG.log(System.Logger.Level.INFO, "removed " + what);
    }
}
