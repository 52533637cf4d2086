package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.RuntimeError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bridges, veths, namespaces and rules for real (root): connectivity, isolation, NAT, internal networks. */
@Tag("root")
class NetworkRootTest extends RootFixture {
    @Test
    void pingWithinANetworkButNotAcross() {
        NetworkRecord front = manager.create(NetworkSpec.bridge("jct-front"));
        NetworkRecord back = manager.create(NetworkSpec.bridge("jct-back"));
        assertTrue(front.subnet().startsWith(POOL_PREFIX) && !front.subnet().equals(back.subnet()));
        Path a1 = manager.createNetns("a1");
        Path a2 = manager.createNetns("a2");
        Path b1 = manager.createNetns("b1");
        Path b2 = manager.createNetns("b2");
        EndpointRecord ea1 = manager.attach("a1", a1, "jct-front", null, List.of("a1"));
        EndpointRecord ea2 = manager.attach("a2", a2, "jct-front", null, List.of("a2"));
        EndpointRecord eb1 = manager.attach("b1", b1, "jct-back", null, List.of("b1"));
        manager.attach("b2", b2, "jct-back", null, List.of("b2"));
        assertEquals("eth0", ea1.ifName());
        assertEquals(MacAddress.fromIp(ea1.ipv4()), ea1.mac());
        assertTrue(HOST.run(List.of("ip", "-n", "jct-ns-a1", "link", "show", "eth0")).stdout().contains(ea1.mac()));

        assertTrue(ping(a1, ea2.ipv4()), "same network");
        assertTrue(ping(a1, front.gateway()), "own gateway");
        assertFalse(ping(a1, eb1.ipv4()), "other network is isolated");
        assertFalse(ping(b1, ea1.ipv4()), "isolation both ways");

        RuntimeError busy = assertThrows(RuntimeError.class, () -> manager.remove("jct-front"));
        assertEquals(403, busy.status());
        assertTrue(busy.getMessage().endsWith("has active endpoints"), busy.getMessage());

        // scale-down style teardown: the veth goes before the namespace, the lease is released
        manager.removeNetns("a2");
        assertFalse(manager.leases("jct-front").contains(ea2.ipv4()));
        assertFalse(new LinkManager(HOST).linkExists(ea2.hostVeth()));
        assertFalse(ping(a1, ea2.ipv4()));
        // the same container comes back at once: no "File exists" from a lingering namespace
        Path again = manager.createNetns("a2");
        EndpointRecord back2 = manager.attach("a2", again, "jct-front", ea2.ipv4(), List.of("a2"));
        assertEquals(ea2.mac(), back2.mac(), "same IP, same MAC: no stale ARP");
        assertTrue(ping(a1, back2.ipv4()));
    }

    @Test
    void outboundGoesThroughNatButInternalNetworksHaveNoWayOut() {
        String hostGateway = defaultGateway();
        assumeTrue(hostGateway != null && HOST.run(List.of("busybox", "ping", "-c", "1", "-W", "1", hostGateway)).ok(),
                "the host's default gateway answers pings");
        manager.create(NetworkSpec.bridge("jct-out"));
        manager.create(NetworkSpec.bridge("jct-int").withInternal(true));
        Path out = manager.createNetns("o1");
        Path in = manager.createNetns("i1");
        Path in2 = manager.createNetns("i2");
        manager.attach("o1", out, "jct-out", null, List.of("o1"));
        manager.attach("i1", in, "jct-int", null, List.of("i1"));
        EndpointRecord i2 = manager.attach("i2", in2, "jct-int", null, List.of("i2"));
        assertTrue(ping(out, hostGateway), "MASQUERADE and the FORWARD jump let traffic out despite DROP policy");
        assertFalse(HOST.run(List.of("ip", "-n", "jct-ns-i1", "route", "show")).stdout().contains("default"));
        assertFalse(ping(in, hostGateway), "internal: no route out");
        assertTrue(ping(in, i2.ipv4()), "internal networks still connect their members");
    }

    private static String defaultGateway() {
        String routes = HOST.run(List.of("ip", "-j", "-4", "route", "show", "default")).stdout();
        int i = routes.indexOf("\"gateway\":\"");
        return i < 0 ? null : routes.substring(i + 11, routes.indexOf('"', i + 11));
    }

    @Test
    void builtinNetworks() {
        assertEquals(Set.of("bridge", "host", "none"),
                Set.copyOf(manager.list().stream().map(NetworkRecord::name).toList()));
        NetworkRecord bridge = manager.inspect("bridge");
        assertEquals("jct-br0", bridge.bridge());
        assertEquals(403, assertThrows(RuntimeError.class, () -> manager.remove("bridge")).status());
        Path ns = manager.createNetns("n1");
        EndpointRecord none = manager.attach("n1", ns, "none", null, List.of());
        assertEquals(null, none.ipv4());
        String links = HOST.run(List.of("ip", "-n", "jct-ns-n1", "-br", "link")).stdout();
        assertTrue(links.contains("lo") && links.contains("UNKNOWN") && !links.contains("eth0"), links);
        EndpointRecord onHost = manager.attach("h1", null, "host", null, List.of());
        assertEquals(null, onHost.netns());
        manager.detach("h1", "host");
        Path d1 = manager.createNetns("d1");
        EndpointRecord def = manager.attach("d1", d1, "bridge", null, List.of("d1"));
        assertTrue(ping(d1, bridge.gateway()));
        assertTrue(def.defaultRoute());
        assertEquals(409, assertThrows(RuntimeError.class, () -> manager.create(NetworkSpec.bridge("bridge"))).status());
    }
}
