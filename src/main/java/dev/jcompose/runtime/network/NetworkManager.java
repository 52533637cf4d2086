package dev.jcompose.runtime.network;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.dns.EmbeddedDns;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Networks of the embedded engine: a Linux bridge per network, our iptables chains, the embedded DNS on each
 * gateway, endpoints as veth pairs into per-container namespaces. State is persisted under the state dir, so
 * a restarted daemon finds its networks and leases again ({@link #start()}) and cleans leftovers of a crash
 * ({@link #reconcile(Set)}). All methods are serialised; each takes milliseconds.
 */
public final class NetworkManager implements AutoCloseable {
    public static final String DEFAULT_BRIDGE = "bridge";
    public static final String HOST = "host";
    public static final String NONE = "none";

    /**
     * @param netnsDir where {@code ip netns add} puts namespaces (/run/netns)
     * @param procSys  /proc/sys
     */
    public record Config(Path stateDir, Naming naming, HostCommands host, EmbeddedDns dns, PoolPicker pools,
            Path netnsDir, Path procSys) {
        public static Config production(Path stateDir) {
            return new Config(stateDir, Naming.PRODUCTION, new ProcessHostCommands(), EmbeddedDns.forHost(),
                    PoolPicker.defaults(), Path.of("/run/netns"), Path.of("/proc/sys"));
        }
    }

    private final Config config;
    private final NetworkRegistry registry;
    private final LinkManager links;
    private final Firewall firewall;
    private final Endpoints endpoints;
    private final boolean dnat;

    /** Published ports served by userland proxies (the default): no DNAT rules. */
    public NetworkManager(Config config) {
        this(config, false);
    }

    /** @param dnat published ports by DNAT rules ({@link #publishPorts}), dockerd's --userland-proxy=false */
    public NetworkManager(Config config, boolean dnat) {
        this.config = config;
        this.dnat = dnat;
        this.registry = new NetworkRegistry(new NetworkStore(config.stateDir()));
        this.links = new LinkManager(config.host());
        this.firewall = new Firewall(config.host(), new FirewallPlan(config.naming(), dnat));
        this.endpoints = new Endpoints(config, registry, links);
        config.dns().setScope(endpoints::dnsScope);
    }

    /**
     * Daemon start: forwarding on, persisted networks loaded, built-ins created when missing, and every bridge
     * network brought to its full state (bridge link, rules, DNS, registered names), each step idempotent.
     */
    public synchronized void start() {
        try {
            new Sysctls(config.procSys()).ensureIpForward();
        } catch (IOException e) {
            throw new RuntimeError(500, "cannot enable net.ipv4.ip_forward: " + e.getMessage(), e);
        }
        registry.load();
        if (registry.byName(HOST).isEmpty()) {
            registry.add(record(HOST, "host", null, null, null, false, true, false, Map.of(), Map.of()));
        }
        if (registry.byName(NONE).isEmpty()) {
            registry.add(record(NONE, "null", null, null, null, false, true, false, Map.of(), Map.of()));
        }
        if (registry.byName(DEFAULT_BRIDGE).isEmpty()) {
            createBridgeNetwork(DEFAULT_BRIDGE, config.naming().defaultBridge(), null, null, false, true, false,
                    Map.of(), Map.of("com.docker.network.bridge.default_bridge", "true"));
        }
        for (NetworkRecord n : registry.networks()) {
            if (n.bridgeDriver()) {
                bringUp(n);
            }
        }
    }

    /**
     * For a cleanup with no daemon running: the persisted networks and endpoints, and nothing done on the host
     * (no bridge brought up, no DNS listener), so detaching the endpoints of stopped containers works.
     */
    public synchronized void loadState() {
        registry.load();
    }

    public synchronized NetworkRecord create(NetworkSpec spec) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw RuntimeError.badRequest("network name is required");
        }
        String driver = spec.driver() == null || spec.driver().isEmpty() ? "bridge" : spec.driver();
        if (!driver.equals("bridge")) {
            throw RuntimeError.badRequest("driver \"" + driver + "\" is not supported by the jcompose engine (bridge only)");
        }
        if (registry.byName(spec.name()).isPresent()) {
            throw RuntimeError.conflict("network with name " + spec.name() + " already exists");
        }
        String id = newId();
        return createBridgeNetwork(spec.name(), config.naming().bridge(id), spec.subnet(), spec.gateway(),
                spec.internal(), false, true, spec.labels(), spec.options(), id, spec.attachable());
    }

    private NetworkRecord createBridgeNetwork(String name, String bridge, String subnet, String gateway,
            boolean internal, boolean builtin, boolean dns, Map<String, String> labels, Map<String, String> options) {
        return createBridgeNetwork(name, bridge, subnet, gateway, internal, builtin, dns, labels, options, newId(), false);
    }

    private NetworkRecord createBridgeNetwork(String name, String bridge, String subnet, String gateway,
            boolean internal, boolean builtin, boolean dns, Map<String, String> labels, Map<String, String> options,
            String id, boolean attachable) {
        List<Ipv4Subnet> taken = new ArrayList<>(links.hostAddressSpace());
        registry.networks().stream().filter(NetworkRecord::bridgeDriver).forEach(n -> taken.add(n.ipv4Subnet()));
        Ipv4Subnet chosen;
        if (subnet == null || subnet.isEmpty()) {
            chosen = config.pools().pick(taken);
        } else {
            chosen = Ipv4Subnet.parse(subnet);
            PoolPicker.checkRequested(chosen, taken);
        }
        int gw = gateway == null || gateway.isEmpty() ? chosen.firstHost() : Ipv4.parse(gateway);
        if (!chosen.contains(gw)) {
            throw RuntimeError.badRequest("gateway " + Ipv4.format(gw) + " is not in subnet " + chosen);
        }
        NetworkRecord n = new NetworkRecord(id, name, "bridge", bridge, chosen.toString(), Ipv4.format(gw), internal,
                attachable, builtin, dns, labels, options, Instant.now().toString());
        registry.add(n);
        try {
            bringUp(n);
        } catch (RuntimeException e) {
            tearDown(n, registry.networks().stream().noneMatch(o -> o.bridgeDriver() && !o.id().equals(n.id())));
            registry.remove(n);
            throw e;
        }
        return n;
    }

    /** Bridge (re-created if a reboot or a human removed it), rules, DNS server, names of live endpoints. */
    private void bringUp(NetworkRecord n) {
        if (!links.linkExists(n.bridge())) {
            links.apply(LinkPlan.createBridge(n.bridge(), n.ipv4Gateway(), n.ipv4Subnet()));
        } else {
            links.apply(LinkPlan.repairBridge(n.bridge(), n.ipv4Gateway(), n.ipv4Subnet()));
        }
        firewall.addNetwork(n.firewallBridge());
        try {
            new Sysctls(config.procSys()).routeLocalnet(n.bridge(), dnat);
        } catch (IOException e) {
            throw new RuntimeError(500, "cannot set net.ipv4.conf." + n.bridge() + ".route_localnet: " + e.getMessage(),
                    e);
        }
        config.dns().startNetwork(n.name(), n.gateway(), !n.internal());
        for (EndpointRecord e : registry.endpointsOf(n.id())) {
            endpoints.registerNames(n, e);
        }
    }

    private void tearDown(NetworkRecord n, boolean lastBridge) {
        config.dns().stopNetwork(n.name());
        firewall.removeNetwork(n.firewallBridge(), lastBridge);
        links.applyIgnoringErrors(LinkPlan.removeBridge(n.bridge()));
    }

    /** Refuses while containers are attached (403, Docker's wording) and for the pre-defined networks. */
    public synchronized void remove(String idOrName) {
        NetworkRecord n = registry.resolve(idOrName);
        if (n.builtin()) {
            throw new RuntimeError(403, n.name() + " is a pre-defined network and cannot be removed");
        }
        if (!registry.endpointsOf(n.id()).isEmpty()) {
            throw new RuntimeError(403, "error while removing network: network " + n.name() + " id " + n.id()
                    + " has active endpoints");
        }
        boolean last = registry.networks().stream().noneMatch(o -> o.bridgeDriver() && !o.id().equals(n.id()));
        tearDown(n, last);
        registry.ipam(n.id()).delete();
        registry.remove(n);
    }

    public synchronized NetworkRecord inspect(String idOrName) {
        return registry.resolve(idOrName);
    }

    public synchronized List<NetworkRecord> list() {
        return List.copyOf(registry.networks());
    }

    /** Addresses leased on a network (containers only), e.g. for residue checks and inspect. */
    public synchronized List<String> leases(String idOrName) {
        Ipam ipam = registry.ipam(registry.resolve(idOrName).id());
        return ipam == null ? List.of() : ipam.leases();
    }

    /** A fresh namespace for the container (idempotent), to hand to runc as the path of its network namespace. */
    public synchronized Path createNetns(String containerId) {
        return endpoints.createNetns(containerId);
    }

    /** Detaches the container from every network, then deletes its namespace (host-side veths first). */
    public synchronized void removeNetns(String containerId) {
        endpoints.removeNetns(containerId);
    }

    /**
     * Connects a container's namespace to a network: leases an address (the requested one or the next free),
     * wires a veth ({@code ethN} inside, MAC from the IP, default route via the gateway on the first non-internal
     * network) and registers {@code aliases} (container name, hostname, service aliases) in the network's DNS.
     */
    public synchronized EndpointRecord attach(String containerId, Path netnsPath, String network, String requestedIpv4,
            List<String> aliases) {
        return endpoints.attach(containerId, netnsPath, registry.resolve(network), requestedIpv4, aliases);
    }

    public synchronized void detach(String containerId, String network) {
        NetworkRecord n = registry.resolve(network);
        EndpointRecord e = registry.endpoint(n.id(), containerId).orElseThrow(() -> RuntimeError.notFound(
                "container " + containerId + " is not connected to network " + n.name()));
        endpoints.detach(n, e);
    }

    public synchronized List<EndpointRecord> endpointsOf(String containerId) {
        return registry.endpointsOfContainer(containerId);
    }

    public synchronized List<EndpointRecord> endpointsOn(String network) {
        return registry.endpointsOf(registry.resolve(network).id());
    }

    /**
     * DNAT mode: the rules that send {@code mappings} to the container, on the network of the endpoint that owns
     * each mapping's container address. Fails (nothing left) when the container has no such endpoint.
     */
    public synchronized void publishPorts(String containerId, List<PortMapping> mappings) {
        if (!dnat) {
            throw new IllegalStateException("published ports are served by the userland proxy in this mode");
        }
        Map<FirewallPlan.Bridge, List<PortMapping>> byBridge = new java.util.LinkedHashMap<>();
        for (PortMapping m : mappings) {
            EndpointRecord endpoint = registry.endpointsOfContainer(containerId).stream()
                    .filter(ep -> m.containerIp().equals(ep.ipv4())).findFirst()
                    .orElseThrow(() -> new RuntimeError(500, "container " + containerId + " has no endpoint with "
                            + "address " + m.containerIp()));
            if (endpoint.hasLink()) {
                links.apply(LinkPlan.hairpin(endpoint.hostVeth()));
            }
            byBridge.computeIfAbsent(registry.resolve(endpoint.networkId()).firewallBridge(), k -> new ArrayList<>())
                    .add(m);
        }
        firewall.setPorts(containerId, byBridge);
    }

    /** Every published-port rule of the container goes (found by its tag); a no-op when there is none. */
    public synchronized List<String> unpublishPorts(String containerId) {
        return firewall.removePorts(containerId);
    }

    public boolean dnat() {
        return dnat;
    }

    /**
     * After a crash: endpoints of containers not in {@code liveContainers} are detached, and links, namespaces
     * and rules carrying our names that no known network or live container owns are removed.
     */
    public synchronized List<String> reconcile(Set<String> liveContainers) {
        return new Reconcile(config, registry, links, firewall, endpoints).run(liveContainers, true);
    }

    /**
     * {@code engine stop --cleanup}, with no daemon running (so without {@link #start()}): the same steps as
     * {@link #reconcile} with nothing wanted on the host. Every endpoint of a container not in
     * {@code liveContainers} (normally none: the containers were stopped first), every bridge, veth, namespace,
     * rule and chain of ours goes; network records and their settings stay for the next start.
     */
    public synchronized List<String> cleanupHost(Set<String> liveContainers) {
        return new Reconcile(config, registry, links, firewall, endpoints).run(liveContainers, false);
    }

    /**
     * Uninstall (and test cleanup): every endpoint and namespace of ours, every bridge including the built-in
     * one, our iptables chains and jumps, the persisted state. Running containers lose their network.
     */
    public synchronized void destroyAll() {
        for (EndpointRecord e : registry.allEndpoints()) {
            endpoints.removeNetns(e.containerId());
        }
        for (NetworkRecord n : registry.networks()) {
            if (n.bridgeDriver()) {
                tearDown(n, false);
            }
            registry.remove(n);
        }
        firewall.removeAll();
    }

    /** Stops the DNS listeners; bridges, rules and namespaces stay for the containers that keep running. */
    @Override
    public synchronized void close() {
        config.dns().close();
    }

    private NetworkRecord record(String name, String driver, String bridge, String subnet, String gateway,
            boolean internal, boolean builtin, boolean dns, Map<String, String> labels, Map<String, String> options) {
        return new NetworkRecord(newId(), name, driver, bridge, subnet, gateway, internal, false, builtin, dns, labels,
                options, Instant.now().toString());
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    static String newId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
