package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.dns.EmbeddedDns;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded DNS on real gateways, asked by busybox nslookup from inside container namespaces. The upstream
 * is a second embedded DNS on 127.0.0.1: unreachable from a container, reachable from the daemon, which is
 * exactly the loopback-resolver case (systemd-resolved) forwarding must handle.
 */
@Tag("root")
class DnsRootTest extends RootFixture {
    private EmbeddedDns upstream;
    private int upstreamPort;

    @Override
    List<InetSocketAddress> upstreams() {
        upstream = new EmbeddedDns(0, List::of, Duration.ofSeconds(1));
        upstreamPort = upstream.startNetwork("world", "127.0.0.1", false).port();
        upstream.register("world", "deb.example", "203.0.113.80");
        extra.add(upstream);
        return List.of(new InetSocketAddress("127.0.0.1", upstreamPort));
    }

    private static final Pattern ADDRESS = Pattern.compile("Address:\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)\\s*$", Pattern.MULTILINE);

    /** The addresses busybox nslookup printed for {@code name} (the server's own "Address: ip:53" excluded). */
    static List<String> nslookup(Path from, String name, String server) {
        // busybox nslookup gives up after one lost UDP answer; on a loaded 2-core machine ask up to 3 times for
        // a name (an NXDOMAIN answer comes back at once, so retrying it costs little).
        List<String> out = List.of();
        for (int attempt = 0; attempt < 3 && out.isEmpty(); attempt++) {
            out = nslookupOnce(from, name, server);
        }
        return out;
    }

    static List<String> nslookupOnce(Path from, String name, String server) {
        HostCommands.Result r = inNetns(from, "nslookup", "-type=a", name, server);
        List<String> out = new ArrayList<>();
        Matcher m = ADDRESS.matcher(r.stdout());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void namesAliasesReplicasAndForwarding() throws IOException {
        NetworkRecord front = manager.create(NetworkSpec.bridge("jct-dns"));
        Path c1 = manager.createNetns("web1");
        Path c2 = manager.createNetns("web2");
        Path c3 = manager.createNetns("web3");
        EndpointRecord e1 = manager.attach("web1", c1, "jct-dns", null, List.of("proj-web-1", "web"));
        EndpointRecord e2 = manager.attach("web2", c2, "jct-dns", null, List.of("proj-web-2", "web"));
        EndpointRecord e3 = manager.attach("web3", c3, "jct-dns", null, List.of("proj-web-3", "web"));
        String gw = front.gateway();

        assertEquals(List.of(e2.ipv4()), nslookup(c1, "proj-web-2", gw));
        assertEquals(Set.of(e1.ipv4(), e2.ipv4(), e3.ipv4()), new HashSet<>(nslookup(c1, "web", gw)), "3 replicas, 3 A records");
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            orders.add(nslookup(c1, "web", gw));
        }
        assertTrue(orders.size() > 1, "order varies between answers: " + orders);

        assertEquals(List.of("203.0.113.80"), nslookup(c2, "deb.example", gw), "forwarded to a loopback upstream");
        assertTrue(nslookup(c2, "nothing.example", gw).isEmpty());

        manager.removeNetns("web3"); // scale down
        assertEquals(Set.of(e1.ipv4(), e2.ipv4()), new HashSet<>(nslookup(c1, "web", gw)));
    }

    @Test
    void internalNetworksResolveTheirMembersButForwardNothing() {
        NetworkRecord internal = manager.create(NetworkSpec.bridge("jct-dnsint").withInternal(true));
        Path a = manager.createNetns("ia");
        Path b = manager.createNetns("ib");
        manager.attach("ia", a, "jct-dnsint", null, List.of("ia"));
        EndpointRecord eb = manager.attach("ib", b, "jct-dnsint", null, List.of("ib"));
        assertEquals(List.of(eb.ipv4()), nslookup(a, "ib", internal.gateway()));
        assertTrue(nslookup(a, "deb.example", internal.gateway()).isEmpty());
    }

    @Test
    void aContainerOnTwoNetworksResolvesBothThroughOneGateway() {
        NetworkRecord one = manager.create(NetworkSpec.bridge("jct-one"));
        manager.create(NetworkSpec.bridge("jct-two"));
        Path multi = manager.createNetns("multi");
        Path other = manager.createNetns("other");
        manager.attach("multi", multi, "jct-one", null, List.of("multi"));
        EndpointRecord second = manager.attach("multi", multi, "jct-two", null, List.of("multi"));
        EndpointRecord db = manager.attach("other", other, "jct-two", null, List.of("db"));
        assertEquals("eth1", second.ifName());
        assertFalse(second.defaultRoute(), "one default route per container");
        assertEquals(List.of(db.ipv4()), nslookup(multi, "db", one.gateway()));
    }

    @Test
    void hostDefaultBridgeForwardsButDoesNotResolveContainerNames() {
        NetworkRecord bridge = manager.inspect("bridge");
        Path a = manager.createNetns("da");
        Path b = manager.createNetns("db");
        manager.attach("da", a, "bridge", null, List.of("da"));
        manager.attach("db", b, "bridge", null, List.of("db"));
        assertTrue(nslookup(a, "db", bridge.gateway()).isEmpty(), "like Docker's default bridge: no container names");
        assertEquals(List.of("203.0.113.80"), nslookup(a, "deb.example", bridge.gateway()));
    }
}
