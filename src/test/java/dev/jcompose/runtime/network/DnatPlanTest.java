package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DNAT publishing mode of the pure generator: golden install, per-port rules, what it never touches. */
class DnatPlanTest {
    static final FirewallPlan.Bridge WEB = FirewallPlanTest.WEB;
    static final FirewallPlan.Bridge BACK = FirewallPlanTest.BACK;
    static final String WEB_ID = "4f1c0d2e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d";
    static final String DB_ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    static List<PortMapping> webPorts() {
        return List.of(
                new PortMapping("0.0.0.0", 8080, "172.18.0.2", 80, "tcp"),
                new PortMapping("127.0.0.1", 8081, "172.18.0.2", 80, "tcp"),
                new PortMapping("192.0.2.2", 9000, "172.18.0.2", 9000, "tcp"),
                new PortMapping("0.0.0.0", 5353, "172.18.0.2", 53, "udp"),
                // a range -p 7000-7001:7000-7001 arrives as one mapping per port
                new PortMapping("0.0.0.0", 7000, "172.18.0.2", 7000, "tcp"),
                new PortMapping("0.0.0.0", 7001, "172.18.0.2", 7001, "tcp"));
    }

    @Test
    void installPortsAndRemovalMatchTheGoldenFile() throws IOException {
        FirewallPlan plan = new FirewallPlan(Naming.PRODUCTION, true);
        List<String> out = new ArrayList<>();
        out.add("# install");
        out.addAll(plan.renderInstall(List.of(WEB, BACK)));
        out.add("# ports of container " + WEB_ID.substring(0, 12) + " on " + WEB.name());
        webPorts().forEach(m -> plan.portRules(WEB_ID, WEB, m).forEach(r -> out.add(r.render())));
        out.add("# ports of container " + DB_ID.substring(0, 12) + " on internal " + BACK.name());
        plan.portRules(DB_ID, BACK, new PortMapping("127.0.0.1", 5432, "172.18.1.2", 5432, "tcp"))
                .forEach(r -> out.add(r.render()));
        out.add("# remove all");
        out.addAll(plan.renderRemoveAll());
        Golden.assertMatches("firewall-dnat.golden", String.join("\n", out) + "\n");
    }

    @Test
    void theProxyModeInstallsNothingOfDnat() {
        FirewallPlan proxy = new FirewallPlan(Naming.PRODUCTION);
        assertFalse(proxy.dnat());
        String all = String.join("\n", proxy.renderInstall(List.of(WEB, BACK)));
        assertFalse(all.contains("DNAT") || all.contains("PORTS") || all.contains("addrtype"), all);
        // but a cleanup in proxy mode still knows the DNAT chains and jumps (left by an earlier DNAT run)
        assertTrue(proxy.allChains().contains(new FirewallPlan.Chain("nat", "JC-DNAT")));
        assertTrue(proxy.allJumps().stream().anyMatch(j -> j.chain().equals("PREROUTING")));
    }

    @Test
    void onlyOurChainsAndTaggedJumpsAreWritten() {
        FirewallPlan plan = new FirewallPlan(Naming.TEST, true);
        List<String> builtins = List.of("FORWARD", "INPUT", "POSTROUTING", "PREROUTING", "OUTPUT");
        for (IptablesRule j : plan.jumps()) {
            assertTrue(builtins.contains(j.chain()), j.render());
            assertTrue(String.join(" ", j.spec()).contains("-m comment --comment jcompose-test -"), j.render());
        }
        List<IptablesRule> rest = new ArrayList<>(plan.baseRules());
        rest.addAll(plan.networkRules(WEB));
        webPorts().forEach(m -> rest.addAll(plan.portRules(WEB_ID, WEB, m)));
        for (IptablesRule r : rest) {
            assertTrue(r.chain().startsWith("JCT-"), r.render());
            assertFalse(String.join(" ", r.spec()).contains("DOCKER"), r.render());
        }
    }

    @Test
    void loopbackIsDnatedOnlyForTheHostItself() {
        FirewallPlan plan = new FirewallPlan(Naming.PRODUCTION, true);
        IptablesRule pre = plan.jumps().stream().filter(j -> j.chain().equals("PREROUTING")).findFirst().orElseThrow();
        IptablesRule out = plan.jumps().stream().filter(j -> j.chain().equals("OUTPUT")).findFirst().orElseThrow();
        assertTrue(pre.spec().containsAll(List.of("!", "-d", "127.0.0.0/8")), "containers cannot hit 127.0.0.1 bindings");
        assertFalse(out.spec().contains("127.0.0.0/8"), "the host reaches 127.0.0.1 bindings");
        List<String> net = plan.networkRules(WEB).stream().map(IptablesRule::render).toList();
        assertTrue(net.contains("-t nat -A JC-POSTROUTING -o jc-3f2a9b1c0d4e -m addrtype --src-type LOCAL -j MASQUERADE"),
                net.toString());
        assertTrue(net.contains("-t filter -A JC-INPUT -d 127.0.0.0/8 -i jc-3f2a9b1c0d4e -m conntrack ! --ctstate "
                + "RELATED,ESTABLISHED -j DROP"), net.toString());
    }

    @Test
    void everyPortRuleCarriesTheContainerTag() {
        FirewallPlan plan = new FirewallPlan(Naming.PRODUCTION, true);
        for (PortMapping m : webPorts()) {
            for (IptablesRule r : plan.portRules(WEB_ID, WEB, m)) {
                int i = r.spec().indexOf("--comment");
                assertEquals("jcompose:" + WEB_ID, r.spec().get(i + 1), r.render());
                assertTrue(plan.portRuleChains().contains(new FirewallPlan.Chain(r.table(), r.chain())), r.render());
            }
        }
        assertEquals(2, plan.portRules(DB_ID, BACK, new PortMapping("0.0.0.0", 1, "172.18.1.2", 1, "udp")).size(),
                "internal network: DNAT and hairpin, no FORWARD accept into it");
    }

    @Test
    void publishedContainersGetHairpinOnTheirBridgePort() {
        assertTrue(LinkPlan.hairpin("jcv1a2b3c4d5e").render().contains(
                "link set dev jcv1a2b3c4d5e type bridge_slave hairpin on"), LinkPlan.hairpin("jcv1a2b3c4d5e").render());
    }

    @Test
    void mappingsAreIpv4WithPortsInRange() {
        assertThrows(RuntimeException.class, () -> new PortMapping("::", 80, "172.18.0.2", 80, "tcp"));
        assertThrows(IllegalArgumentException.class, () -> new PortMapping("0.0.0.0", 0, "172.18.0.2", 80, "tcp"));
        assertThrows(IllegalArgumentException.class, () -> new PortMapping("0.0.0.0", 80, "172.18.0.2", 80, "sctp"));
    }
}
