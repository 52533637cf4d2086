package dev.jcompose.runtime.network;

import dev.jcompose.runtime.RuntimeError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-memory view of the persisted networks, their address maps and endpoints, written through to
 * {@link NetworkStore}. Every method is atomic on its own (the DNS scope lookup reads from other threads); {@link NetworkManager}
 * serialises the multi-step changes.
 */
final class NetworkRegistry {
    private final NetworkStore store;
    private final Map<String, NetworkRecord> networks = new LinkedHashMap<>();
    private final Map<String, Ipam> ipams = new TreeMap<>();
    private final Map<String, Map<String, EndpointRecord>> endpoints = new TreeMap<>();

    NetworkRegistry(NetworkStore store) {
        this.store = store;
    }

    synchronized void load() {
        networks.clear();
        ipams.clear();
        endpoints.clear();
        for (NetworkRecord n : store.loadNetworks()) {
            networks.put(n.id(), n);
            if (n.bridgeDriver()) {
                ipams.put(n.id(), Ipam.open(store.ipamFile(n.id()), n.ipv4Subnet(), n.ipv4Gateway()));
            }
            Map<String, EndpointRecord> eps = new TreeMap<>();
            store.loadEndpoints(n.id()).forEach(e -> eps.put(e.containerId(), e));
            endpoints.put(n.id(), eps);
        }
    }

    synchronized void add(NetworkRecord n) {
        if (n.bridgeDriver()) {
            ipams.put(n.id(), Ipam.open(store.ipamFile(n.id()), n.ipv4Subnet(), n.ipv4Gateway()));
        }
        store.save(n);
        networks.put(n.id(), n);
        endpoints.put(n.id(), new TreeMap<>());
    }

    synchronized void remove(NetworkRecord n) {
        store.delete(n);
        networks.remove(n.id());
        ipams.remove(n.id());
        endpoints.remove(n.id());
    }

    synchronized Collection<NetworkRecord> networks() {
        return List.copyOf(networks.values());
    }

    synchronized Optional<NetworkRecord> byName(String name) {
        return networks.values().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** Docker's lookup order: full id, exact name, then a unique id prefix. */
    synchronized NetworkRecord resolve(String idOrName) {
        NetworkRecord byId = networks.get(idOrName);
        if (byId != null) {
            return byId;
        }
        Optional<NetworkRecord> named = byName(idOrName);
        if (named.isPresent()) {
            return named.get();
        }
        List<NetworkRecord> prefixed = networks.values().stream()
                .filter(n -> !idOrName.isEmpty() && n.id().startsWith(idOrName)).toList();
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        if (prefixed.size() > 1) {
            throw RuntimeError.badRequest("network " + idOrName + " is ambiguous (" + prefixed.size() + " matches found based on ID prefix)");
        }
        throw RuntimeError.notFound("network " + idOrName + " not found");
    }

    synchronized Ipam ipam(String networkId) {
        return ipams.get(networkId);
    }

    synchronized List<EndpointRecord> endpointsOf(String networkId) {
        return List.copyOf(endpoints.getOrDefault(networkId, Map.of()).values());
    }

    synchronized Optional<EndpointRecord> endpoint(String networkId, String containerId) {
        return Optional.ofNullable(endpoints.getOrDefault(networkId, Map.of()).get(containerId));
    }

    /** A container's endpoints in the order the networks were created. */
    synchronized List<EndpointRecord> endpointsOfContainer(String containerId) {
        List<EndpointRecord> out = new ArrayList<>();
        for (String id : networks.keySet()) {
            EndpointRecord e = endpoints.getOrDefault(id, Map.of()).get(containerId);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    synchronized List<EndpointRecord> allEndpoints() {
        List<EndpointRecord> out = new ArrayList<>();
        endpoints.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    synchronized void put(EndpointRecord e) {
        store.save(e);
        endpoints.computeIfAbsent(e.networkId(), k -> new TreeMap<>()).put(e.containerId(), e);
    }

    synchronized void delete(EndpointRecord e) {
        store.delete(e);
        Map<String, EndpointRecord> m = endpoints.get(e.networkId());
        if (m != null) {
            m.remove(e.containerId());
        }
    }
}
