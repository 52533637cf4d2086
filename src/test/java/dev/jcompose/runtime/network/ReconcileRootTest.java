package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A daemon "killed -9" mid-life: the next one re-adopts what is persisted and removes what belongs to nobody.
 * Strays are made by hand with test names: a veth-named link, a namespace, a bridge and a rule.
 */
@Tag("root")
class ReconcileRootTest extends RootFixture {
    private static void must(List<String> argv) {
        HostCommands.Result r = HOST.run(argv);
        assertTrue(r.ok(), String.join(" ", argv) + ": " + r.stderr());
    }

    @Test
    void restartReadoptsLiveEndpointsAndRemovesEverythingElse() {
        NetworkRecord net = manager.create(NetworkSpec.bridge("jct-crash"));
        Path c1 = manager.createNetns("c1");
        Path c2 = manager.createNetns("c2");
        EndpointRecord live = manager.attach("c1", c1, "jct-crash", null, List.of("c1"));
        EndpointRecord dead = manager.attach("c2", c2, "jct-crash", null, List.of("c2"));
        must(List.of("ip", "link", "add", "jctvstray", "type", "veth", "peer", "name", "jctvstray2"));
        must(List.of("ip", "link", "add", "jct-brdead0", "type", "bridge"));
        must(List.of("ip", "netns", "add", "jct-ns-ghost"));
        must(List.of("iptables", "-w", "-A", "JCT-FORWARD", "-i", "jct-brdead0", "-o", "jct-brdead0", "-j", "ACCEPT"));

        dns.close(); // the old daemon's process is gone, so are its sockets; nothing else was cleaned up
        manager = newManager(upstreams());
        manager.start();
        manager.reconcile(Set.of("c1"));

        LinkManager links = new LinkManager(HOST);
        assertTrue(links.linkExists(live.hostVeth()), "the live container keeps its link");
        assertFalse(links.linkExists(dead.hostVeth()));
        assertFalse(links.linkExists("jctvstray"));
        assertFalse(links.linkExists("jct-brdead0"));
        assertFalse(Files.exists(Path.of("/run/netns/jct-ns-ghost")));
        assertFalse(Files.exists(c2), "the dead container's namespace is gone");
        assertFalse(HOST.run(List.of("iptables", "-w", "-S", "JCT-FORWARD")).stdout().contains("jct-brdead0"));
        assertEquals(List.of(live.ipv4()), manager.leases("jct-crash"), "the dead container's lease is released");
        assertEquals(List.of("c1"), manager.endpointsOn("jct-crash").stream().map(EndpointRecord::containerId).toList());
        assertTrue(ping(c1, net.gateway()), "the re-adopted network still works");
        assertEquals(List.of(live.ipv4()), DnsRootTest.nslookup(c1, "c1", net.gateway()), "names re-registered");

        manager.reconcile(Set.of("c1")); // idempotent
        assertTrue(links.linkExists(live.hostVeth()));
    }

    @Test
    void aBridgeDeletedBehindOurBackComesBackOnStart() {
        NetworkRecord net = manager.create(NetworkSpec.bridge("jct-gone"));
        dns.close();
        must(List.of("ip", "link", "del", net.bridge()));
        manager = newManager(upstreams());
        manager.start();
        assertTrue(new LinkManager(HOST).linkExists(net.bridge()));
        Path c = manager.createNetns("back");
        manager.attach("back", c, "jct-gone", null, List.of("back"));
        assertTrue(ping(c, net.gateway()));
    }
}
