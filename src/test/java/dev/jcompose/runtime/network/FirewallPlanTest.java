package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirewallPlanTest {
    static final FirewallPlan.Bridge WEB = new FirewallPlan.Bridge("jc-3f2a9b1c0d4e", Ipv4Subnet.parse("172.18.0.0/24"),
            Ipv4.parse("172.18.0.1"), false);
    static final FirewallPlan.Bridge BACK = new FirewallPlan.Bridge("jc-77aa88bb99cc", Ipv4Subnet.parse("172.18.1.0/24"),
            Ipv4.parse("172.18.1.1"), true);

    @Test
    void installAndRemovalMatchTheGoldenFile() throws IOException {
        FirewallPlan plan = new FirewallPlan(Naming.PRODUCTION);
        String out = "# install\n" + String.join("\n", plan.renderInstall(List.of(WEB, BACK))) + "\n# remove all\n"
                + String.join("\n", plan.renderRemoveAll()) + "\n";
        Golden.assertMatches("firewall.golden", out);
    }

    @Test
    void onlyOneTaggedJumpPerBuiltinChain() {
        FirewallPlan plan = new FirewallPlan(Naming.TEST);
        List<IptablesRule> jumps = plan.jumps();
        assertEquals(List.of("FORWARD", "INPUT", "POSTROUTING"), jumps.stream().map(IptablesRule::chain).toList());
        for (IptablesRule j : jumps) {
            assertTrue(String.join(" ", j.spec()).startsWith("-m comment --comment jcompose-test -j JCT-"), j.render());
        }
        assertEquals(1, jumps.get(0).position(), "FORWARD jump goes first, ahead of a DROP policy and dockerd's rules");
        // no network rule lands in a built-in chain
        assertTrue(plan.networkRules(WEB).stream().allMatch(r -> r.chain().startsWith("JCT-")));
    }

    @Test
    void internalNetworksGetNoNatAndNoWayOut() {
        FirewallPlan plan = new FirewallPlan(Naming.PRODUCTION);
        List<String> rules = plan.networkRules(BACK).stream().map(IptablesRule::render).toList();
        assertTrue(rules.stream().noneMatch(r -> r.contains("MASQUERADE")), rules.toString());
        assertTrue(rules.contains("-t filter -A JC-ISOLATION -i jc-77aa88bb99cc ! -o jc-77aa88bb99cc -j DROP"), rules.toString());
        List<String> open = plan.networkRules(WEB).stream().map(IptablesRule::render).toList();
        assertTrue(open.contains("-t nat -A JC-POSTROUTING -s 172.18.0.0/24 ! -o jc-3f2a9b1c0d4e -j MASQUERADE"), open.toString());
    }

    @Test
    void commandsCheckBeforeAdding() {
        IptablesRule r = IptablesRule.append("nat", "JC-POSTROUTING", "-s 10.0.0.0/24 ! -o b -j MASQUERADE");
        assertEquals(List.of("iptables", "-w", "-t", "nat", "-C", "JC-POSTROUTING", "-s", "10.0.0.0/24", "!", "-o", "b",
                "-j", "MASQUERADE"), r.check());
        assertEquals("-A", r.add().get(4));
        assertEquals("-D", r.delete().get(4));
        IptablesRule first = IptablesRule.insertFirst("filter", "FORWARD", "-j X");
        assertEquals(List.of("iptables", "-w", "-t", "filter", "-I", "FORWARD", "1", "-j", "X"), first.add());
    }
}
