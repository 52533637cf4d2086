package dev.jcompose.engine.fake;

import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.LabelFilters;
import dev.jcompose.engine.NetworkInfo;
import dev.jcompose.engine.NetworkSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Networks and the addresses of running containers on them. Every method runs with the store lock held. */
final class FakeNetworks {
    /** Docker's pre-defined networks: they always exist and cannot be removed. */
    static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");
    private final FakeStore store;

    FakeNetworks(FakeStore store) {
        this.store = store;
        predefine("bridge", "bridge", Subnet.parse("172.17.0.0/16"));
        predefine("host", "host", null);
        predefine("none", "null", null);
    }

    private void predefine(String name, String driver, Subnet subnet) {
        String id = store.newId("network");
        NetworkSpec spec = new NetworkSpec(name, driver, null, false, false, false, null, null);
        store.networks.put(id, new FakeNetwork(id, name, spec, store.now(), subnet, false));
    }

    List<NetworkInfo> list(List<String> labelFilters) {
        List<NetworkInfo> out = new ArrayList<>();
        for (FakeNetwork n : store.networks.values()) {
            if (LabelFilters.matches(n.spec.labels(), labelFilters)) {
                out.add(info(n));
            }
        }
        return out;
    }

    NetworkInfo info(FakeNetwork n) {
        Map<String, NetworkInfo.Member> members = new LinkedHashMap<>();
        for (FakeContainer c : store.containers.values()) {
            String ip = c.addresses.get(n.name);
            if (c.running() && c.endpoints.containsKey(n.name)) {
                members.put(c.id, new NetworkInfo.Member(c.name, ip == null ? "" : ip + "/" + n.subnet.prefix(),
                        ip == null ? "" : mac(ip)));
            }
        }
        NetworkSpec.Ipam ipam = n.subnet == null ? n.spec.ipam()
                : n.userSubnet ? n.spec.ipam()
                : new NetworkSpec.Ipam("default", List.of(new NetworkSpec.Pool(n.subnet.toString(), null,
                        n.subnet.gateway(), null)), null);
        return new NetworkInfo(n.id, n.name, n.driver(), n.scope, n.created, n.spec.labels(), n.spec.internal(),
                n.spec.attachable(), n.spec.enableIpv6(), ipam, n.spec.options(), members);
    }

    String create(NetworkSpec spec) {
        for (FakeNetwork existing : store.networks.values()) {
            if (existing.name.equals(spec.name())) {
                throw EngineErrors.conflict("network with name " + spec.name() + " already exists");
            }
        }
        String driver = spec.driver() == null ? "bridge" : spec.driver();
        if (!driver.equals("bridge")) {
            throw EngineErrors.notFound("plugin \"" + driver + "\" not found");
        }
        String subnetText = spec.ipam().pools().isEmpty() ? null : spec.ipam().pools().getFirst().subnet();
        Subnet subnet;
        if (subnetText != null) {
            subnet = Subnet.parse(subnetText);
            if (used().stream().anyMatch(subnet::overlaps)) {
                throw EngineErrors.conflict("Pool overlaps with other one on this address space");
            }
        } else {
            subnet = freeSubnet();
        }
        String id = store.newId("network");
        store.networks.put(id, new FakeNetwork(id, spec.name(), spec, store.now(), subnet, subnetText != null));
        store.publish("network", "create", id, Map.of("name", spec.name(), "type", driver));
        return id;
    }

    void remove(String ref) {
        FakeNetwork n = store.network(ref);
        if (PREDEFINED.contains(n.name)) {
            throw EngineErrors.conflict(n.name + " is a pre-defined network and cannot be removed");
        }
        boolean active = store.containers.values().stream().anyMatch(c -> c.running() && c.endpoints.containsKey(n.name));
        if (active) {
            throw EngineErrors.conflict("error while removing network: network " + n.name + " id " + n.id
                    + " has active endpoints");
        }
        store.networks.remove(n.id);
        store.publish("network", "destroy", n.id, Map.of("name", n.name, "type", n.driver()));
    }

    /**
     * Checks an endpoint before it is recorded: fixed address allowed and inside the subnet. A network that
     * does not exist is accepted for a container that is not running, as dockerd does; start then fails.
     */
    void validate(EndpointSpec endpoint) {
        FakeNetwork n = byName(endpoint.network());
        if (n == null) {
            return;
        }
        String ip = endpoint.ipv4Address();
        if (ip != null && !ip.isEmpty()) {
            if (!n.userSubnet) {
                throw EngineErrors.failure(
                        "user specified IP address is supported only when connecting to networks with user configured subnets");
            }
            if (!n.subnet.contains(ip)) {
                throw EngineErrors.failure("no configured subnet or ip-range contain the IP address " + ip);
            }
        }
    }

    void connect(FakeContainer c, EndpointSpec endpoint) {
        FakeNetwork n = c.running() ? store.network(endpoint.network()) : byName(endpoint.network());
        String name = n == null ? endpoint.network() : n.name;
        if (name.equals("host") || c.endpoints.containsKey("host")) {
            throw EngineErrors.failure("container cannot be disconnected from host network or connected to host"
                    + " network");
        }
        if (c.endpoints.containsKey(name)) {
            throw EngineErrors.conflict("endpoint with name " + c.name + " already exists in network " + name);
        }
        if (c.spec.networkMode() != null) {
            throw EngineErrors.failure("container sharing network namespace with another container or host cannot"
                    + " be connected to any other network");
        }
        validate(endpoint);
        c.endpoints.put(name, new EndpointSpec(name, endpoint.aliases(), endpoint.ipv4Address(),
                endpoint.ipv6Address()));
        if (c.running()) {
            assign(c, name);
        }
    }

    void disconnect(String network, FakeContainer c) {
        FakeNetwork n = store.network(network);
        if (!c.endpoints.containsKey(n.name)) {
            throw EngineErrors.failure("container " + c.id + " is not connected to network " + n.name);
        }
        release(c, n.name);
        c.endpoints.remove(n.name);
    }

    /** Gives a starting container its addresses; a fixed address taken by a running container conflicts. */
    void assignAll(FakeContainer c) {
        for (String network : c.endpoints.keySet()) {
            if (!store.networks.values().stream().anyMatch(n -> n.name.equals(network))) {
                throw EngineErrors.notFound("network " + network + " not found");
            }
        }
        for (String network : List.copyOf(c.endpoints.keySet())) {
            assign(c, network);
        }
    }

    private void assign(FakeContainer c, String network) {
        FakeNetwork n = store.network(network);
        if (n.subnet == null) {
            return;
        }
        Set<String> taken = new HashSet<>();
        taken.add(n.subnet.gateway());
        store.containers.values().stream().filter(o -> o != c && o.running())
                .map(o -> o.addresses.get(network)).filter(ip -> ip != null).forEach(taken::add);
        String fixed = c.endpoints.get(network).ipv4Address();
        String ip;
        if (fixed != null && !fixed.isEmpty()) {
            if (taken.contains(fixed)) {
                throw EngineErrors.conflict("Address already in use");
            }
            ip = fixed;
        } else {
            ip = null;
            for (long host = 2; ip == null; host++) {
                String candidate = n.subnet.host(host);
                if (candidate == null) {
                    throw EngineErrors.failure("no available IPv4 addresses on this network's address pools: "
                            + n.name + " (" + n.id + ")");
                }
                if (!taken.contains(candidate)) {
                    ip = candidate;
                }
            }
        }
        c.addresses.put(network, ip);
        store.publish("network", "connect", n.id, Map.of("container", c.id, "name", n.name, "type", n.driver()));
    }

    void releaseAll(FakeContainer c) {
        for (String network : List.copyOf(c.addresses.keySet())) {
            release(c, network);
        }
    }

    private void release(FakeContainer c, String network) {
        if (c.addresses.remove(network) == null) {
            return;
        }
        store.networks.values().stream().filter(n -> n.name.equals(network)).findFirst().ifPresent(n ->
                store.publish("network", "disconnect", n.id,
                        Map.of("container", c.id, "name", n.name, "type", n.driver())));
    }

    FakeNetwork byName(String name) {
        return store.networks.values().stream().filter(n -> n.name.equals(name)).findFirst().orElse(null);
    }

    /** Docker derives the MAC from the IPv4 address: 02:42 followed by the four octets. */
    static String mac(String ip) {
        long a = Subnet.address(ip);
        return String.format("02:42:%02x:%02x:%02x:%02x", (a >> 24) & 255, (a >> 16) & 255, (a >> 8) & 255, a & 255);
    }

    private List<Subnet> used() {
        return store.networks.values().stream().map(n -> n.subnet).filter(s -> s != null).toList();
    }

    /** Like Docker's default pools: 172.18-31.0.0/16, then 192.168.N.0/20. */
    private Subnet freeSubnet() {
        List<Subnet> used = used();
        List<Subnet> candidates = new ArrayList<>();
        for (int b = 18; b <= 31; b++) {
            candidates.add(Subnet.parse("172." + b + ".0.0/16"));
        }
        for (int c = 0; c < 256; c += 16) {
            candidates.add(Subnet.parse("192.168." + c + ".0/20"));
        }
        return candidates.stream().filter(s -> used.stream().noneMatch(s::overlaps)).findFirst()
                .orElseThrow(() -> EngineErrors.failure(
                        "could not find an available, non-overlapping IPv4 address pool among the defaults to"
                                + " assign to the network"));
    }
}
