package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkPlanTest {
    private static final Ipv4Subnet SUBNET = Ipv4Subnet.parse("172.18.0.0/24");
    private static final int GW = Ipv4.parse("172.18.0.1");

    @Test
    void batchesMatchTheGoldenFile() throws IOException {
        LinkPlan.Endpoint first = new LinkPlan.Endpoint("jc-3f2a9b1c0d4e", "jcv1a2b3c4d5e", "jc-abc123", "eth0",
                Ipv4.parse("172.18.0.2"), SUBNET, GW, true);
        LinkPlan.Endpoint second = new LinkPlan.Endpoint("jc-77aa88bb99cc", "jcv9f8e7d6c5b", "/proc/4242/ns/net", "eth1",
                Ipv4.parse("10.20.0.7"), Ipv4Subnet.parse("10.20.0.0/16"), Ipv4.parse("10.20.0.1"), false);
        StringBuilder out = new StringBuilder();
        out.append(LinkPlan.createBridge("jc-3f2a9b1c0d4e", GW, SUBNET).render());
        out.append(LinkPlan.repairBridge("jc-3f2a9b1c0d4e", GW, SUBNET).render());
        out.append(LinkPlan.createNetns("jc-abc123").render());
        out.append(LinkPlan.loopbackUp("jc-abc123").render());
        out.append(LinkPlan.attachHostSide(first, "jc-abc123").render());
        out.append(LinkPlan.attachContainerSide(first).render());
        out.append(LinkPlan.attachHostSide(second, "/proc/4242/ns/net").render());
        out.append(LinkPlan.attachContainerSide(second).render());
        out.append(LinkPlan.detach("jcv1a2b3c4d5e").render());
        out.append(LinkPlan.removeNetns("jc-abc123", List.of("jcv1a2b3c4d5e", "jcv9f8e7d6c5b")).render());
        out.append(LinkPlan.removeBridge("jc-3f2a9b1c0d4e").render());
        Golden.assertMatches("linkplan.golden", out.toString());
    }

    @Test
    void teardownDeletesHostVethsBeforeTheNamespace() {
        IpBatch b = LinkPlan.removeNetns("jct-ns-x", List.of("jctva", "jctvb"));
        assertEquals(List.of("link del jctva", "link del jctvb", "netns del jct-ns-x"), b.lines());
        assertTrue(b.force(), "teardown continues past objects that are already gone");
    }

    @Test
    void setupStopsAtTheFirstError() {
        LinkPlan.Endpoint e = new LinkPlan.Endpoint("br", "v", "ns", "eth0", Ipv4.parse("172.18.0.2"), SUBNET, GW, true);
        assertEquals(List.of("ip", "-batch", "-"), LinkPlan.attachHostSide(e, "ns").argv());
        assertEquals(List.of("ip", "-n", "ns", "-batch", "-"), LinkPlan.attachContainerSide(e).argv());
        assertEquals("link add name v type veth peer name eth0 address 02:42:ac:12:00:02 netns ns\n"
                + "link set v master br up\n", LinkPlan.attachHostSide(e, "ns").script());
    }

    @Test
    void namesFitIfnamsiz() {
        String id = "f".repeat(64);
        for (Naming n : List.of(Naming.PRODUCTION, Naming.TEST)) {
            assertTrue(n.bridge(id).length() <= Naming.IFNAMSIZ, n.bridge(id));
            assertTrue(n.veth(id, id).length() <= Naming.IFNAMSIZ, n.veth(id, id));
            assertTrue(n.defaultBridge().length() <= Naming.IFNAMSIZ);
        }
        assertEquals(Naming.PRODUCTION.veth("a", "b"), Naming.PRODUCTION.veth("a", "b"), "deterministic");
        assertTrue(!Naming.PRODUCTION.veth("a", "b").equals(Naming.PRODUCTION.veth("a", "c")));
        assertEquals("jc-0123456789ab", Naming.PRODUCTION.bridge("0123456789abcdef"));
    }
}
