package dev.jcompose.runtime.network;

import dev.jcompose.runtime.RuntimeError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Container namespaces and their endpoints. Every step has its undo on failure (the lease released, the veth
 * deleted), and every undo tolerates "already gone", so attach/detach can be retried after a crash.
 */
final class Endpoints {
    private final NetworkManager.Config config;
    private final NetworkRegistry registry;
    private final LinkManager links;

    Endpoints(NetworkManager.Config config, NetworkRegistry registry, LinkManager links) {
        this.config = config;
        this.registry = registry;
        this.links = links;
    }

    /**
     * The namespace alone: its loopback comes up with the first endpoint (in the same {@code ip} call as the
     * endpoint's addresses, see {@link LinkPlan#attachContainerSide}), or with the "none" endpoint — one host
     * process less on every start.
     */
    Path createNetns(String containerId) {
        String name = config.naming().netns(containerId);
        Path path = config.netnsDir().resolve(name);
        if (!Files.exists(path)) {
            links.apply(LinkPlan.createNetns(name));
        }
        return path;
    }

    void removeNetns(String containerId) {
        List<String> veths = new ArrayList<>();
        for (EndpointRecord e : registry.endpointsOfContainer(containerId)) {
            NetworkRecord n = registry.resolve(e.networkId());
            if (e.hasLink()) {
                veths.add(e.hostVeth());
            }
            forget(n, e);
        }
        String name = config.naming().netns(containerId);
        if (!veths.isEmpty() || Files.exists(config.netnsDir().resolve(name))) {
            links.applyIgnoringErrors(LinkPlan.removeNetns(name, veths));
        }
    }

    EndpointRecord attach(String containerId, Path netnsPath, NetworkRecord n, String requestedIpv4, List<String> aliases) {
        if (registry.endpoint(n.id(), containerId).isPresent()) {
            throw new RuntimeError(403, "endpoint with name " + containerId + " already exists in network " + n.name());
        }
        List<EndpointRecord> existing = registry.endpointsOfContainer(containerId);
        boolean onHost = existing.stream().anyMatch(e -> e.networkName().equals(NetworkManager.HOST));
        if (n.name().equals(NetworkManager.HOST) ? !existing.isEmpty() : onHost) {
            throw RuntimeError.badRequest("container cannot be disconnected from host network or connected to host network");
        }
        String netns = netnsRef(netnsPath);
        if (!n.bridgeDriver()) {
            if (netns != null) { // "none": the namespace keeps only its loopback, which must be up
                links.apply(LinkPlan.loopbackUp(netns));
            }
            EndpointRecord e = new EndpointRecord(NetworkManager.newId(), containerId, n.id(), n.name(), null, null,
                    netns, null, 0, null, null, false, aliases);
            registry.put(e);
            return e;
        }
        Ipam ipam = registry.ipam(n.id());
        int address = requestedIpv4 == null || requestedIpv4.isEmpty() ? ipam.allocate()
                : ipam.allocate(Ipv4.parse(requestedIpv4));
        String veth = config.naming().veth(containerId, n.id());
        boolean defaultRoute = !n.internal() && existing.stream().noneMatch(EndpointRecord::defaultRoute);
        LinkPlan.Endpoint plan = new LinkPlan.Endpoint(n.bridge(), veth, netns, nextIfName(existing), address,
                n.ipv4Subnet(), n.ipv4Gateway(), defaultRoute);
        try {
            try {
                links.apply(LinkPlan.attachHostSide(plan, netns));
            } catch (RuntimeError e) {
                if (!e.getMessage().contains("File exists")) {
                    throw e;
                }
                // a leftover of a crashed attach holds the deterministic veth name: remove it and go again
                links.applyIgnoringErrors(LinkPlan.detach(veth));
                links.apply(LinkPlan.attachHostSide(plan, netns));
            }
            links.apply(LinkPlan.attachContainerSide(plan));
        } catch (RuntimeException e) {
            links.applyIgnoringErrors(LinkPlan.detach(veth));
            ipam.release(address);
            throw e;
        }
        EndpointRecord e = new EndpointRecord(NetworkManager.newId(), containerId, n.id(), n.name(), plan.ifName(),
                veth, netns, Ipv4.format(address), n.ipv4Subnet().prefix(), plan.mac(), n.gateway(), defaultRoute,
                aliases);
        registry.put(e);
        registerNames(n, e);
        return e;
    }

    void detach(NetworkRecord n, EndpointRecord e) {
        if (e.hasLink()) {
            links.applyIgnoringErrors(LinkPlan.detach(e.hostVeth()));
        }
        forget(n, e);
    }

    /** Bookkeeping of a detach once the link is gone: names, lease, record. */
    void forget(NetworkRecord n, EndpointRecord e) {
        if (e.ipv4() != null) {
            config.dns().unregisterAddress(n.name(), e.ipv4());
            Ipam ipam = registry.ipam(n.id());
            if (ipam != null) {
                ipam.release(Ipv4.parse(e.ipv4()));
            }
        }
        registry.delete(e);
    }

    /** Docker resolves container names only on user-defined networks; the default bridge gets forwarding only. */
    void registerNames(NetworkRecord n, EndpointRecord e) {
        if (n.dns() && e.ipv4() != null) {
            e.aliases().forEach(a -> config.dns().register(n.name(), a, e.ipv4()));
        }
    }

    /**
     * DNS scope of a query: the network it arrived on, then the other DNS-enabled networks of the container that
     * asked, so a container on two networks resolves names on both through either gateway.
     */
    List<String> dnsScope(String arrivalNetwork, String clientIp) {
        Set<String> scope = new LinkedHashSet<>();
        scope.add(arrivalNetwork);
        synchronized (registry) {
            registry.byName(arrivalNetwork).ifPresent(n -> registry.endpointsOf(n.id()).stream()
                    .filter(e -> clientIp.equals(e.ipv4())).findFirst()
                    .ifPresent(e -> registry.endpointsOfContainer(e.containerId()).forEach(o -> scope.add(o.networkName()))));
        }
        return List.copyOf(scope);
    }

    /** The lowest ethN not used by the container's other endpoints. */
    private static String nextIfName(List<EndpointRecord> existing) {
        Set<String> used = new LinkedHashSet<>();
        existing.forEach(e -> used.add(e.ifName()));
        for (int i = 0;; i++) {
            if (!used.contains("eth" + i)) {
                return "eth" + i;
            }
        }
    }

    /** {@code ip -n} takes a name under the netns dir; any other path is entered with nsenter (see IpBatch). */
    private String netnsRef(Path netnsPath) {
        if (netnsPath == null) {
            return null;
        }
        Path abs = netnsPath.toAbsolutePath();
        return config.netnsDir().toAbsolutePath().equals(abs.getParent()) ? abs.getFileName().toString() : abs.toString();
    }
}
