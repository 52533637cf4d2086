package dev.jcompose.runtime.netattach;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.dns.EmbeddedDns;
import dev.jcompose.runtime.dns.HostResolvConf;
import dev.jcompose.runtime.dns.ResolvConf;
import dev.jcompose.runtime.engine.NetworkAttacher;
import dev.jcompose.runtime.engine.NetworkRequest;
import dev.jcompose.runtime.engine.NetworkSetup;
import dev.jcompose.runtime.network.EndpointRecord;
import dev.jcompose.runtime.network.Ipv4Subnet;
import dev.jcompose.runtime.network.Naming;
import dev.jcompose.runtime.network.PoolPicker;
import dev.jcompose.runtime.network.ProcessHostCommands;
import dev.jcompose.runtime.network.NetworkManager;
import dev.jcompose.runtime.network.NetworkRecord;
import dev.jcompose.runtime.oci.NamespaceMode;
import dev.jcompose.runtime.ports.PortPublisher;
import dev.jcompose.runtime.ports.PublishedPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real networking for the container engine: a namespace per container under /run/netns (created before runc, so
 * runc joins it by path and a stop can delete it), one veth endpoint per requested network, DNS names on
 * user-defined networks, published ports bound before {@code runc start}. Stopping releases everything (addresses
 * too: a restarted container may get another address, as in Docker when the old one was taken meanwhile).
 */
public final class EmbeddedNetworking implements NetworkAttacher, AutoCloseable {
    /**
     * Names of test daemons: of the jct family, but apart from {@link Naming#TEST} (whose root tests sweep every
     * jct-* namespace and bridge), so daemon tests and network tests running at once never remove each other's
     * objects, and each residue scan sees only its own.
     */
    public static final Naming DAEMON_TEST = new Naming("jcta-br", "jcta-br0", "jctav", "jcta-ns-", "JCTA-",
            "jcompose-apitest");
    public static final String TEST_POOL = "10.214.0.0/16";
    private final NetworkManager networks;
    private final EmbeddedDns dns;
    private final PortPublisher ports;
    private final Path hostResolvConf;

    public EmbeddedNetworking(NetworkManager.Config config, Path hostResolvConf) {
        this(config, hostResolvConf, true);
    }

    /**
     * @param userlandProxy true (the default, as dockerd's): published ports served by proxies; false: by DNAT
     *                      rules in our chains behind sockets that only reserve the host ports
     */
    public EmbeddedNetworking(NetworkManager.Config config, Path hostResolvConf, boolean userlandProxy) {
        this.networks = new NetworkManager(config, !userlandProxy);
        this.dns = config.dns();
        this.ports = userlandProxy ? new PortPublisher() : PortPublisher.withDnat(new DnatRules(networks));
        this.hostResolvConf = hostResolvConf;
    }

    /** Production: state under {@code stateDir}, jc-* names, DNS on port 53, the host's /etc/resolv.conf. */
    public static EmbeddedNetworking production(Path stateDir) {
        return production(stateDir, true);
    }

    public static EmbeddedNetworking production(Path stateDir, boolean userlandProxy) {
        return new EmbeddedNetworking(NetworkManager.Config.production(stateDir), Path.of("/etc/resolv.conf"),
                userlandProxy);
    }

    /**
     * Test mode: the {@link #DAEMON_TEST} names and the 10.214.0.0/16 pool, so a test daemon never touches the
     * objects of a production one (nor dockerd's, nor those of the network package's root tests).
     */
    public static EmbeddedNetworking forTests(Path stateDir) {
        return forTests(stateDir, true);
    }

    public static EmbeddedNetworking forTests(Path stateDir, boolean userlandProxy) {
        return new EmbeddedNetworking(new NetworkManager.Config(stateDir, DAEMON_TEST, new ProcessHostCommands(30),
                EmbeddedDns.forHost(), new PoolPicker(List.of(Ipv4Subnet.parse(TEST_POOL)), 24), Path.of("/run/netns"),
                Path.of("/proc/sys")), Path.of("/etc/resolv.conf"), userlandProxy);
    }

    /** The daemon's networking: {@link #forTests} when JCOMPOSE_NETWORK_NAMING=test (a daemon run by a test). */
    public static EmbeddedNetworking forDaemon(Path stateDir) {
        return forDaemon(stateDir, true);
    }

    public static EmbeddedNetworking forDaemon(Path stateDir, boolean userlandProxy) {
        // Tests set the property (surefire config) so an in-process daemon never reconciles away the objects of
        // the machine's real engine, which share the production prefixes.
        boolean test = "test".equals(System.getenv("JCOMPOSE_NETWORK_NAMING"))
                || "test".equals(System.getProperty("jcompose.network.naming"));
        return test ? forTests(stateDir, userlandProxy) : production(stateDir, userlandProxy);
    }

    /** False when published ports are DNAT'd by the kernel (--userland-proxy=false). */
    public boolean userlandProxy() {
        return !ports.dnat();
    }

    /** Bridges, rules and DNS servers up (idempotent); call before the engine recovers containers. */
    public EmbeddedNetworking start() {
        networks.start();
        return this;
    }

    public NetworkManager manager() {
        return networks;
    }

    /** After recovery: everything of containers that are not running any more goes. Returns what went. */
    public List<String> reconcile(Set<String> liveContainers) {
        return networks.reconcile(liveContainers);
    }

    /**
     * {@code engine stop --cleanup} with no daemon running: opens the persisted state without touching the host;
     * call before the container cleanup (which detaches stopped containers), then {@link #cleanupHost}.
     */
    public EmbeddedNetworking loadState() {
        networks.loadState();
        return this;
    }

    /** Every bridge, veth, namespace and rule of ours removed (records kept). Returns what went. */
    public List<String> cleanupHost(Set<String> liveContainers) {
        return networks.cleanupHost(liveContainers);
    }

    @Override
    public NamespaceMode namespace(String containerId, NetworkRequest request) {
        for (String name : networkNames(request)) {
            networks.inspect(name); // 404 "network X not found" at start, as Docker
        }
        if (request.isHost()) {
            return NamespaceMode.HOST;
        }
        return NamespaceMode.join(networks.createNetns(containerId));
    }

    @Override
    public NetworkSetup attach(String containerId, Path netnsPath, NetworkRequest request) {
        if (request.isHost()) {
            NetworkRecord host = networks.inspect(NetworkManager.HOST);
            return new NetworkSetup(Map.of(NetworkManager.HOST, new NetworkSetup.EndpointSettings(host.id(), "",
                    aliasesOf(request, NetworkManager.HOST), "", 0, "", "")), List.of(), null, null);
        }
        try {
            Map<String, NetworkSetup.EndpointSettings> settings = new LinkedHashMap<>();
            String primaryIp = null;
            String primaryGateway = null;
            for (String name : networkNames(request)) {
                if (name.equals(NetworkManager.NONE)) {
                    settings.put(name, new NetworkSetup.EndpointSettings(networks.inspect(name).id(), "", List.of(),
                            "", 0, "", ""));
                    continue;
                }
                EndpointRecord e = connectEndpoint(containerId, netnsPath, request, name);
                settings.put(name, settings(containerId, request, name, e));
                if (primaryIp == null) {
                    primaryIp = e.ipv4();
                    primaryGateway = e.gateway();
                }
            }
            List<NetworkSetup.PublishedPort> published = List.of();
            if (primaryIp != null) {
                List<PublishedPort> bound = ports.publish(containerId, primaryIp, PortRequests.of(request));
                published = bound.stream().map(p -> new NetworkSetup.PublishedPort(p.containerPort(), p.protocol(),
                        p.hostIp(), p.hostPort())).toList();
            }
            String resolv = primaryGateway == null ? ResolvConf.forPrivateNamespace(hostResolv(), overrides(request))
                    : ResolvConf.forEmbeddedDns(primaryGateway, hostResolv(), overrides(request));
            return new NetworkSetup(settings, published, resolv, primaryIp);
        } catch (RuntimeException e) {
            detach(containerId);
            throw e;
        }
    }

    /**
     * docker network connect of a running container: one more endpoint in its namespace. Returns the settings
     * of the new endpoint.
     */
    @Override
    public NetworkSetup.EndpointSettings connect(String containerId, NetworkRequest request, String network) {
        Path netns = networks.createNetns(containerId); // idempotent: the path of the existing namespace
        EndpointRecord e = connectEndpoint(containerId, netns, request, network);
        return settings(containerId, request, network, e);
    }

    /** docker network disconnect of a running container. */
    @Override
    public void disconnect(String containerId, String network) {
        for (EndpointRecord e : networks.endpointsOf(containerId)) {
            if (e.networkName().equals(network) || e.networkId().equals(network)) {
                dns.setClientUpstreams(e.ipv4(), List.of());
                networks.detach(containerId, e.networkName());
            }
        }
    }

    private EndpointRecord connectEndpoint(String containerId, Path netns, NetworkRequest request, String name) {
        NetworkRecord n = networks.inspect(name);
        NetworkRequest.Endpoint asked = request.endpoints().get(name);
        String ip = asked == null || asked.ipv4Address() == null || asked.ipv4Address().isEmpty() ? null
                : asked.ipv4Address();
        EndpointRecord e = networks.attach(containerId, netns, n.name(), ip, n.dns() && !n.builtin()
                ? dnsNames(containerId, request, name) : List.of());
        if (!request.dns().isEmpty() && e.ipv4() != null) {
            dns.setClientUpstreams(e.ipv4(), request.dns());
        }
        return e;
    }

    private NetworkSetup.EndpointSettings settings(String containerId, NetworkRequest request, String name,
            EndpointRecord e) {
        NetworkRecord n = networks.inspect(name);
        List<String> aliases = new ArrayList<>(aliasesOf(request, name));
        if (!n.builtin()) {
            aliases.add(containerId.substring(0, 12)); // Docker lists the short id as an alias on user networks
        }
        return new NetworkSetup.EndpointSettings(e.networkId(), e.endpointId(), aliases, e.ipv4() == null ? ""
                : e.ipv4(), e.prefixLength(), e.gateway() == null ? "" : e.gateway(), e.mac() == null ? "" : e.mac());
    }

    @Override
    public NetworkSetup recovered(String containerId, NetworkRequest request) {
        if (request.isHost()) {
            return attach(containerId, null, request);
        }
        Map<String, NetworkSetup.EndpointSettings> settings = new LinkedHashMap<>();
        String primaryIp = null;
        List<EndpointRecord> endpoints = new ArrayList<>(networks.endpointsOf(containerId));
        // the request's order, as at start: the ports go to the same address (the records come in no set order)
        List<String> order = networkNames(request);
        endpoints.sort(java.util.Comparator.comparingInt(e -> order.contains(e.networkName())
                ? order.indexOf(e.networkName()) : order.size()));
        for (EndpointRecord e : endpoints) {
            settings.put(e.networkName(), settings(containerId, request, e.networkName(), e));
            if (primaryIp == null && e.ipv4() != null) {
                primaryIp = e.ipv4();
            }
            if (!request.dns().isEmpty() && e.ipv4() != null) {
                dns.setClientUpstreams(e.ipv4(), request.dns());
            }
        }
        List<NetworkSetup.PublishedPort> published = List.of();
        if (primaryIp != null) {
            try {
                // the proxies lived in the old daemon process: bind them again for the container that kept running
                published = ports.publish(containerId, primaryIp, PortRequests.of(request)).stream()
                        .map(p -> new NetworkSetup.PublishedPort(p.containerPort(), p.protocol(), p.hostIp(),
                                p.hostPort())).toList();
            } catch (RuntimeException e) {
                published = List.of();
            }
        }
        return new NetworkSetup(settings, published, null, primaryIp);
    }

    @Override
    public void detach(String containerId) {
        ports.unpublish(containerId);
        for (EndpointRecord e : networks.endpointsOf(containerId)) {
            if (e.ipv4() != null) {
                dns.setClientUpstreams(e.ipv4(), List.of());
            }
        }
        networks.removeNetns(containerId);
    }

    @Override
    public void close() {
        ports.close();
        networks.close();
    }

    /** The primary network (the mode) first, then the other requested endpoints in request order. */
    static List<String> networkNames(NetworkRequest request) {
        if (request.isContainerMode()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        names.add(request.isHost() ? NetworkManager.HOST : request.primaryNetwork());
        for (String name : request.endpoints().keySet()) {
            if (!names.contains(name) && !name.equals("default")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Names that resolve to this endpoint: container name, hostname, short id, the endpoint's aliases. */
    static List<String> dnsNames(String containerId, NetworkRequest request, String network) {
        List<String> names = new ArrayList<>();
        String name = request.containerName().startsWith("/") ? request.containerName().substring(1)
                : request.containerName();
        names.add(name);
        names.add(containerId.substring(0, 12));
        if (!request.hostname().isEmpty() && !names.contains(request.hostname())) {
            names.add(request.hostname());
        }
        for (String alias : aliasesOf(request, network)) {
            if (!names.contains(alias)) {
                names.add(alias);
            }
        }
        return names;
    }

    private static List<String> aliasesOf(NetworkRequest request, String network) {
        NetworkRequest.Endpoint e = request.endpoints().get(network);
        return e == null ? List.of() : e.aliases();
    }

    private static ResolvConf.Overrides overrides(NetworkRequest request) {
        return new ResolvConf.Overrides(request.dns(), request.dnsSearch(), request.dnsOptions());
    }

    private HostResolvConf hostResolv() {
        try {
            return HostResolvConf.parse(Files.exists(hostResolvConf) ? Files.readString(hostResolvConf) : "");
        } catch (IOException e) {
            throw RuntimeError.internal("cannot read " + hostResolvConf + ": " + e.getMessage(), e);
        }
    }
}
