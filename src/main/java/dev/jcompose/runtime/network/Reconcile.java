package dev.jcompose.runtime.network;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Daemon-start cleanup after a crash or a kill -9: the persisted state says what should exist, the host says
 * what does. Endpoints of dead containers are detached; links, namespaces and rules that carry our names but
 * belong to nothing known are deleted; address leases are made to match the endpoint records. Objects without our prefixes are never looked at. Host-side veths go
 * before namespaces (namespace deletion is asynchronous), and every step tolerates "already gone".
 */
final class Reconcile {
    private final NetworkManager.Config config;
    private final NetworkRegistry registry;
    private final LinkManager links;
    private final Firewall firewall;
    private final Endpoints endpoints;

    Reconcile(NetworkManager.Config config, NetworkRegistry registry, LinkManager links, Firewall firewall,
            Endpoints endpoints) {
        this.config = config;
        this.registry = registry;
        this.links = links;
        this.firewall = firewall;
        this.endpoints = endpoints;
    }

    void run(Set<String> liveContainers) {
        Naming naming = config.naming();
        for (EndpointRecord e : registry.allEndpoints()) {
            if (!liveContainers.contains(e.containerId())) {
                endpoints.detach(registry.resolve(e.networkId()), e);
            }
        }
        List<NetworkRecord> bridges = registry.networks().stream().filter(NetworkRecord::bridgeDriver).toList();
        for (NetworkRecord n : bridges) {
            registry.ipam(n.id()).syncLeases(registry.endpointsOf(n.id()).stream().filter(e -> e.ipv4() != null)
                    .map(e -> Ipv4.parse(e.ipv4())).toList());
        }
        Set<String> knownBridges = bridges.stream().map(NetworkRecord::bridge).collect(Collectors.toSet());
        Set<String> knownVeths = registry.allEndpoints().stream().filter(EndpointRecord::hasLink)
                .map(EndpointRecord::hostVeth).collect(Collectors.toSet());
        Predicate<String> ourBridge = name -> name.equals(naming.defaultBridge()) || name.startsWith(naming.bridgePrefix());
        for (String link : links.links()) {
            if (link.startsWith(naming.vethPrefix()) && !knownVeths.contains(link)) {
                links.applyIgnoringErrors(LinkPlan.detach(link));
            }
        }
        for (String ns : links.netns()) {
            if (ns.startsWith(naming.netnsPrefix())
                    && !liveContainers.contains(ns.substring(naming.netnsPrefix().length()))) {
                links.applyIgnoringErrors(LinkPlan.removeNetns(ns, List.of()));
            }
        }
        for (String link : links.links()) {
            if (ourBridge.test(link) && !knownBridges.contains(link)) {
                links.applyIgnoringErrors(LinkPlan.removeBridge(link));
            }
        }
        firewall.reconcile(bridges.stream().map(NetworkRecord::firewallBridge).toList(), ourBridge);
    }
}
