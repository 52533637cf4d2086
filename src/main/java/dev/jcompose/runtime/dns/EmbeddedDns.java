package dev.jcompose.runtime.dns;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The embedded DNS of all networks: one {@link DnsServer} per network on its gateway address, one shared
 * {@link NameTable}. Registration is by network name, as Docker's PTR answers ({@code name.network}) show.
 * Forwarding goes to the host's resolvers (re-read when /etc/resolv.conf changes), or to the servers a
 * container asked for ({@code dns:}), which keeps service names resolvable for such containers too.
 */
public final class EmbeddedDns implements AutoCloseable {
    public static final int DEFAULT_MAX_CONCURRENT = 100;

    private final int port;
    private final Supplier<List<InetSocketAddress>> hostUpstreams;
    private final NameTable table = new NameTable();
    private final Map<String, DnsServer> servers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> forwarding = new ConcurrentHashMap<>();
    private final Map<String, List<InetSocketAddress>> clientUpstreams = new ConcurrentHashMap<>();
    private final DnsHandler handler;
    private volatile DnsHandler.Scope scope = (network, client) -> List.of(network);

    /**
     * @param port          53 in production; tests pass a free high port
     * @param hostUpstreams the resolvers to forward to when a container named none
     */
    public EmbeddedDns(int port, Supplier<List<InetSocketAddress>> hostUpstreams, Duration upstreamTimeout) {
        this.port = port;
        this.hostUpstreams = hostUpstreams;
        this.handler = new DnsHandler(table, (n, c) -> scope.networks(n, c), this::upstreamsFor,
                new Forwarder(upstreamTimeout));
    }

    /** Production: port 53, upstreams from /etc/resolv.conf, 2 s per upstream. */
    public static EmbeddedDns forHost() {
        return new EmbeddedDns(53, new ResolvConfUpstreams(Path.of("/etc/resolv.conf")), Duration.ofSeconds(2));
    }

    /** Lets the network layer widen a query's scope to every network of the asking container. */
    public void setScope(DnsHandler.Scope scope) {
        this.scope = scope;
    }

    public NameTable table() {
        return table;
    }

    /** Starts answering for {@code network} on {@code listenIp}; {@code forward} false keeps it closed (internal). */
    public synchronized DnsServer startNetwork(String network, String listenIp, boolean forward) {
        DnsServer existing = servers.get(network);
        if (existing != null) {
            return existing;
        }
        forwarding.put(network, forward);
        try {
            DnsServer server = new DnsServer(network, Addresses.literal(listenIp), port, handler, DEFAULT_MAX_CONCURRENT)
                    .start();
            servers.put(network, server);
            return server;
        } catch (IOException e) {
            forwarding.remove(network);
            throw new RuntimeError(500, "cannot start the embedded DNS for network " + network + " on " + listenIp
                    + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public synchronized void stopNetwork(String network) {
        DnsServer server = servers.remove(network);
        if (server != null) {
            server.close();
        }
        forwarding.remove(network);
        table.removeNetwork(network);
    }

    public Optional<DnsServer> server(String network) {
        return Optional.ofNullable(servers.get(network));
    }

    public void register(String network, String name, String ip) {
        table.register(network, name, ip);
    }

    public void unregister(String network, String name, String ip) {
        table.unregister(network, name, ip);
    }

    /** Forgets every name of a departing endpoint. */
    public void unregisterAddress(String network, String ip) {
        table.unregisterAddress(network, ip);
    }

    /** A container's own resolvers ({@code dns:} in compose); an empty list restores the host's. */
    public void setClientUpstreams(String clientIp, List<String> servers) {
        if (servers == null || servers.isEmpty()) {
            clientUpstreams.remove(clientIp);
        } else {
            clientUpstreams.put(clientIp, servers.stream().map(s -> new InetSocketAddress(Addresses.literal(s), 53)).toList());
        }
    }

    private List<InetSocketAddress> upstreamsFor(String network, String clientIp) {
        if (!forwarding.getOrDefault(network, false)) {
            return List.of();
        }
        List<InetSocketAddress> own = clientUpstreams.get(clientIp);
        return own != null ? own : hostUpstreams.get();
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(DnsServer::close);
        servers.clear();
    }

    /** Upstreams from a resolv.conf file, parsed again only when its modification time changes. */
    public static final class ResolvConfUpstreams implements Supplier<List<InetSocketAddress>> {
        private final Path file;
        private long seenModified = Long.MIN_VALUE;
        private List<InetSocketAddress> cached = List.of();

        public ResolvConfUpstreams(Path file) {
            this.file = file;
        }

        @Override
        public synchronized List<InetSocketAddress> get() {
            try {
                long modified = Files.getLastModifiedTime(file).toMillis();
                if (modified != seenModified) {
                    cached = HostResolvConf.parse(Files.readString(file)).upstreams();
                    seenModified = modified;
                }
            } catch (IOException | IllegalArgumentException e) {
                // keep the last good list: a resolv.conf being rewritten must not break resolution
            }
            return cached;
        }
    }
}
