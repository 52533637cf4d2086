package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The executing side of the firewall on an in-memory iptables: idempotence, removal, crash reconcile. */
class FirewallTest {
    private final FakeIptables ipt = new FakeIptables();
    private final Firewall fw = new Firewall(ipt, new FirewallPlan(Naming.PRODUCTION));
    private static final FirewallPlan.Bridge WEB = FirewallPlanTest.WEB;
    private static final FirewallPlan.Bridge BACK = FirewallPlanTest.BACK;

    private int rulesIn(String chain) {
        return ipt.chains.getOrDefault(chain, List.of()).size();
    }

    @Test
    void applyingTwiceAddsNothingTheSecondTime() {
        fw.addNetwork(WEB);
        int adds = ipt.count("-A") + ipt.count("-I");
        int total = ipt.chains.values().stream().mapToInt(List::size).sum();
        fw.addNetwork(WEB);
        assertEquals(adds, ipt.count("-A") + ipt.count("-I"), "second apply only checks");
        assertEquals(total, ipt.chains.values().stream().mapToInt(List::size).sum());
        assertEquals(1, rulesIn("filter/FORWARD"), "exactly one jump in FORWARD");
        assertEquals(List.of("-m", "comment", "--comment", "jcompose", "-j", "JC-FORWARD"), ipt.chains.get("filter/FORWARD").get(0));
    }

    @Test
    void theJumpGoesAheadOfExistingForwardRules() {
        ipt.chains.get("filter/FORWARD").add(List.of("-j", "DOCKER-USER"));
        fw.addNetwork(WEB);
        assertEquals("JC-FORWARD", ipt.chains.get("filter/FORWARD").get(0).get(5));
        assertEquals(List.of("-j", "DOCKER-USER"), ipt.chains.get("filter/FORWARD").get(1), "dockerd's rules untouched");
    }

    @Test
    void removingTheLastNetworkRemovesChainsAndJumps() {
        ipt.chains.get("filter/FORWARD").add(List.of("-j", "DOCKER-USER"));
        fw.addNetwork(WEB);
        fw.addNetwork(BACK);
        fw.removeNetwork(WEB, false);
        assertTrue(ipt.chains.get("filter/JC-FORWARD").stream().noneMatch(r -> r.contains("jc-3f2a9b1c0d4e")));
        assertTrue(ipt.chains.get("filter/JC-FORWARD").stream().anyMatch(r -> r.contains("jc-77aa88bb99cc")));
        assertTrue(fw.anyInstalled());
        fw.removeNetwork(BACK, true);
        assertFalse(fw.anyInstalled());
        assertFalse(ipt.chains.containsKey("filter/JC-FORWARD"));
        assertEquals(List.of(List.of("-j", "DOCKER-USER")), ipt.chains.get("filter/FORWARD"));
        assertEquals(0, rulesIn("nat/POSTROUTING"));
    }

    @Test
    void duplicatesLeftByACrashAreAllRemoved() {
        fw.addNetwork(WEB);
        IptablesRule masq = new FirewallPlan(Naming.PRODUCTION).networkRules(WEB).getLast();
        ipt.run(masq.add(), "");
        ipt.run(new FirewallPlan(Naming.PRODUCTION).jumps().get(0).add(), "");
        fw.removeNetwork(WEB, true);
        assertFalse(fw.anyInstalled());
        assertEquals(0, rulesIn("filter/FORWARD"));
    }

    @Test
    void reconcileDropsRulesOfVanishedBridgesAndRestoresMissingOnes() {
        fw.addNetwork(WEB);
        fw.addNetwork(BACK);
        // a human deleted one of WEB's rules; BACK's network is gone from the state
        ipt.chains.get("nat/JC-POSTROUTING").clear();
        fw.reconcile(List.of(WEB), name -> name.startsWith("jc-"));
        assertTrue(ipt.chains.values().stream().flatMap(List::stream).noneMatch(r -> r.contains("jc-77aa88bb99cc")));
        assertEquals(1, rulesIn("nat/JC-POSTROUTING"), "WEB's MASQUERADE is back");
        fw.reconcile(List.of(), name -> name.startsWith("jc-"));
        assertFalse(fw.anyInstalled());
    }

    @Test
    void reconcileLeavesForeignInterfacesAlone() {
        fw.addNetwork(WEB);
        ipt.run(List.of("iptables", "-w", "-t", "filter", "-A", "JC-FORWARD", "-i", "eth0", "-j", "ACCEPT"), "");
        fw.reconcile(List.of(WEB), name -> name.startsWith("jc-"));
        assertTrue(ipt.chains.get("filter/JC-FORWARD").contains(List.of("-i", "eth0", "-j", "ACCEPT")));
    }

    /** The teardown of a cleanup shutdown: our jumps and chains reported and gone, dockerd's rules kept; twice is a no-op. */
    @Test
    void reconcileWithNothingLiveRemovesOnlyOursAndReportsEachObject() {
        ipt.chains.get("filter/FORWARD").add(List.of("-j", "DOCKER-USER"));
        ipt.chains.get("nat/POSTROUTING").add(List.of("-s", "172.17.0.0/16", "!", "-o", "docker0", "-j", "MASQUERADE"));
        fw.addNetwork(WEB);
        fw.addNetwork(BACK);

        List<String> removed = fw.reconcile(List.of(), name -> name.startsWith("jc-"));

        assertEquals(3, removed.stream().filter(l -> l.startsWith("iptables jump")).count(), removed.toString());
        assertEquals(4, removed.stream().filter(l -> l.startsWith("iptables chain")).count(), removed.toString());
        // WEB masquerades, BACK is internal: one rule in our POSTROUTING chain
        assertTrue(removed.contains("iptables chain -t nat JC-POSTROUTING (1 rules)"), removed.toString());
        assertFalse(fw.anyInstalled());
        assertEquals(List.of(List.of("-j", "DOCKER-USER")), ipt.chains.get("filter/FORWARD"), "dockerd's FORWARD");
        assertEquals(1, rulesIn("nat/POSTROUTING"), "dockerd's MASQUERADE");
        assertEquals(List.of(), fw.reconcile(List.of(), name -> name.startsWith("jc-")), "second run");
    }
}
