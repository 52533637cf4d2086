package dev.jcompose.runtime.ports;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Published ports of all containers, served by userland proxies or, with {@link #withDnat}, by the kernel's DNAT
 * ({@link PortRules}) behind sockets that only reserve the host ports. {@link #publish} binds every port of a
 * container before the container starts, all or nothing: the first conflict fails the whole call with Docker's
 * message and releases what was already bound, so "up" fails before anything runs. A port held by another
 * container of this engine is "already allocated"; one held by another process fails the bind itself.
 */
public final class PortPublisher implements AutoCloseable {
    public static final Duration DOCKER_UDP_IDLE = Duration.ofSeconds(90);

    private final Duration udpIdle;
    private final PortRules rules;
    private final Map<String, List<Proxy>> byContainer = new ConcurrentHashMap<>();

    public PortPublisher(Duration udpIdle) {
        this(udpIdle, null);
    }

    public PortPublisher() {
        this(DOCKER_UDP_IDLE);
    }

    private PortPublisher(Duration udpIdle, PortRules rules) {
        this.udpIdle = udpIdle;
        this.rules = rules;
    }

    /**
     * DNAT publishing (dockerd's --userland-proxy=false): IPv4 host addresses get a reserving socket and kernel
     * rules; IPv6 ones (the containers have IPv4 only, and the rules are iptables, not ip6tables) keep the proxy.
     */
    public static PortPublisher withDnat(PortRules rules) {
        return new PortPublisher(DOCKER_UDP_IDLE, java.util.Objects.requireNonNull(rules));
    }

    public boolean dnat() {
        return rules != null;
    }

    /** Binds and starts proxies to {@code containerIp} for every request; returns the ports actually bound. */
    public synchronized List<PublishedPort> publish(String containerId, String containerIp, List<PortRequest> requests) {
        if (byContainer.containsKey(containerId)) {
            throw RuntimeError.conflict("ports of container " + containerId + " are already published");
        }
        InetAddress target = literal(containerIp);
        List<Proxy> bound = new ArrayList<>();
        try {
            for (PortRequest r : requests) {
                bound.add(bind(r, target, bound));
            }
            List<PublishedPort> forwarded = bound.stream().filter(Reservation.class::isInstance).map(Proxy::port)
                    .toList();
            if (!forwarded.isEmpty()) {
                rules.add(containerId, forwarded); // after the binds: the rules name the ports actually reserved
            }
        } catch (RuntimeException e) {
            bound.forEach(Proxy::close);
            throw e;
        }
        bound.forEach(Proxy::start);
        byContainer.put(containerId, List.copyOf(bound));
        return bound.stream().map(Proxy::port).toList();
    }

    public List<PublishedPort> published(String containerId) {
        return byContainer.getOrDefault(containerId, List.of()).stream().map(Proxy::port).toList();
    }

    /** On container stop: the ports are free again at once. Unknown containers are a no-op. */
    public synchronized void unpublish(String containerId) {
        List<Proxy> proxies = byContainer.remove(containerId);
        if (proxies != null) {
            if (proxies.stream().anyMatch(Reservation.class::isInstance)) {
                // rules first: once the port is free, another process may take it, and our DNAT must not steal
                // its traffic
                rules.remove(containerId);
            }
            proxies.forEach(Proxy::close);
        }
    }

    private Proxy bind(PortRequest r, InetAddress target, List<Proxy> sameCall) {
        InetAddress host = literal(r.hostIp());
        if (r.hostPortStart() == 0) {
            return open(r, host, 0, target);
        }
        for (int p = r.hostPortStart(); p <= r.hostPortEnd(); p++) {
            if (allocated(host, p, r.protocol(), sameCall)) {
                if (!r.isRange()) {
                    break;
                }
                continue;
            }
            try {
                return open(r, host, p, target);
            } catch (RuntimeError e) {
                if (!r.isRange()) {
                    throw e;
                }
            }
        }
        throw new RuntimeError(500, "Bind for " + r.hostSide() + " failed: port is already allocated");
    }

    private Proxy open(PortRequest r, InetAddress host, int port, InetAddress target) {
        InetSocketAddress bindTo = new InetSocketAddress(host, port);
        InetSocketAddress to = new InetSocketAddress(target, r.containerPort());
        boolean reserveOnly = rules != null && host instanceof java.net.Inet4Address
                && target instanceof java.net.Inet4Address;
        // dockerd's message names the userland proxy only when there is one (its DNAT mode's "dummy proxy" does not)
        String prefix = reserveOnly ? "" : "Error starting userland proxy: ";
        try {
            if (reserveOnly) {
                return new Reservation(bindTo, to, r.containerPort(), r.protocol());
            }
            return r.protocol().equals("udp") ? new UdpProxy(bindTo, to, r.containerPort(), udpIdle)
                    : new TcpProxy(bindTo, to, r.containerPort());
        } catch (BindException e) {
            throw new RuntimeError(500, prefix + "listen " + r.protocol() + (host.getAddress().length == 4 ? "4" : "6")
                    + " " + hostPort(r.hostIp(), port) + ": bind: " + reason(e));
        } catch (IOException e) {
            throw new RuntimeError(500, prefix + e.getMessage(), e);
        }
    }

    /** Held by a container of ours (or earlier in this call): Docker's allocator answers before any bind. */
    private boolean allocated(InetAddress host, int port, String protocol, List<Proxy> sameCall) {
        List<Proxy> all = new ArrayList<>(sameCall);
        byContainer.values().forEach(all::addAll);
        for (Proxy p : all) {
            PublishedPort pp = p.port();
            if (pp.hostPort() == port && pp.protocol().equals(protocol)) {
                InetAddress other = literal(pp.hostIp());
                if (host.isAnyLocalAddress() || other.isAnyLocalAddress() || host.equals(other)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String hostPort(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static String reason(BindException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase();
        if (m.contains("in use")) {
            return "address already in use";
        }
        if (m.contains("assign")) {
            return "cannot assign requested address";
        }
        return e.getMessage();
    }

    private static InetAddress literal(String ip) {
        try {
            // Only literals: a name here would trigger a DNS lookup.
            if (!ip.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !(ip.contains(":") && ip.matches("[0-9a-fA-F:.]+"))) {
                throw RuntimeError.badRequest("invalid IP address: " + ip);
            }
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw RuntimeError.badRequest("invalid IP address: " + ip);
        }
    }

    /**
     * Daemon shutdown: proxies stop and reservations are released, but DNAT rules stay, so containers that keep
     * running stay reachable; the next daemon re-reserves their ports ({@code recovered}) or removes their rules.
     */
    @Override
    public synchronized void close() {
        byContainer.values().forEach(l -> l.forEach(Proxy::close));
        byContainer.clear();
    }
}
