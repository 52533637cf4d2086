package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DNAT mode on the in-memory iptables: per-container rules found by their tag, crash reconcile, mode switches. */
class DnatFirewallTest {
    private static final FirewallPlan.Bridge WEB = FirewallPlanTest.WEB;
    private static final String A = DnatPlanTest.WEB_ID;
    private static final String B = DnatPlanTest.DB_ID;
    private final FakeIptables ipt = new FakeIptables();
    private final Firewall dnat = new Firewall(ipt, new FirewallPlan(Naming.PRODUCTION, true));
    private final Firewall proxy = new Firewall(ipt, new FirewallPlan(Naming.PRODUCTION));

    private long rulesTagged(String id) {
        return ipt.chains.values().stream().flatMap(List::stream).filter(r -> r.contains("jcompose:" + id)).count();
    }

    private static List<PortMapping> portsOf(String ip, int hostPort) {
        return List.of(new PortMapping("127.0.0.1", hostPort, ip, 80, "tcp"), new PortMapping("0.0.0.0", hostPort + 1,
                ip, 53, "udp"));
    }

    @Test
    void aContainersRulesGoByTheirTagAndOthersStay() {
        dnat.addNetwork(WEB);
        dnat.setPorts(A, Map.of(WEB, portsOf("172.18.0.2", 8080)));
        dnat.setPorts(B, Map.of(WEB, portsOf("172.18.0.3", 9090)));
        assertEquals(6, rulesTagged(A), "DNAT, FORWARD accept and hairpin MASQUERADE per port");
        dnat.setPorts(A, Map.of(WEB, portsOf("172.18.0.2", 8080)));
        assertEquals(6, rulesTagged(A), "adding again adds nothing");

        List<String> removed = dnat.removePorts(A);

        assertEquals(6, removed.size(), removed.toString());
        assertEquals(0, rulesTagged(A));
        assertEquals(6, rulesTagged(B), "the other container keeps its ports");
        assertEquals(List.of(), dnat.removePorts(A), "second removal finds nothing");
        assertTrue(ipt.chains.get("nat/JC-POSTROUTING").stream().anyMatch(r -> r.contains("--src-type")),
                "the network's rules stay");
    }

    @Test
    void settingThePortsAgainReplacesRulesToAnOldAddress() {
        dnat.addNetwork(WEB);
        dnat.setPorts(A, Map.of(WEB, portsOf("172.18.0.2", 8080)));
        dnat.setPorts(A, Map.of(WEB, portsOf("172.18.0.9", 8080))); // e.g. re-adopted with another primary address
        assertEquals(6, rulesTagged(A));
        assertTrue(ipt.chains.values().stream().flatMap(List::stream).filter(r -> r.contains("jcompose:" + A))
                .noneMatch(r -> String.join(" ", r).contains("172.18.0.2")), "nothing to the old address");
        int commands = ipt.commands.size();
        dnat.setPorts(A, Map.of(WEB, portsOf("172.18.0.9", 8080)));
        assertEquals(0, ipt.commands.subList(commands, ipt.commands.size()).stream()
                .filter(c -> c.contains("-D") || c.contains("-A")).count(), "the same set again changes nothing");
    }

    @Test
    void reconcileRemovesThePortsOfDeadContainersOnly() {
        dnat.addNetwork(WEB);
        dnat.setPorts(A, Map.of(WEB, portsOf("172.18.0.2", 8080)));
        dnat.setPorts(B, Map.of(WEB, portsOf("172.18.0.3", 9090)));

        List<String> removed = dnat.reconcile(List.of(WEB), n -> n.startsWith("jc-"), B::equals);

        assertEquals(6, removed.size(), removed.toString());
        assertEquals(0, rulesTagged(A));
        assertEquals(6, rulesTagged(B));
        assertTrue(removed.stream().anyMatch(l -> l.startsWith("iptables rule -t nat -A JC-DNAT")), removed.toString());
    }

    @Test
    void aFailedAddLeavesNothingOfTheContainer() {
        HostCommands failing = (argv, stdin) -> argv.contains("-A") && argv.contains("JC-PORTS")
                ? new HostCommands.Result(4, "", "iptables: Resource temporarily unavailable.") : ipt.run(argv, stdin);
        Firewall fw = new Firewall(failing, new FirewallPlan(Naming.PRODUCTION, true));
        fw.addNetwork(WEB);
        assertThrows(RuntimeException.class, () -> fw.setPorts(A, Map.of(WEB, portsOf("172.18.0.2", 8080))));
        assertTrue(ipt.chains.get("nat/JC-DNAT").isEmpty() || ipt.chains.get("nat/JC-DNAT").stream()
                .noneMatch(r -> r.contains("jcompose:" + A)), "the DNAT rule added before the failure is gone");
        assertEquals(0, ipt.chains.values().stream().flatMap(List::stream).filter(r -> r.contains("jcompose:" + A))
                .count(), "the DNAT rule added before the failure is gone");
    }

    @Test
    void removingEverythingTakesTheDnatChainsAndJumpsWhateverTheMode() {
        ipt.chains.get("nat/PREROUTING").add(List.of("-m", "addrtype", "--dst-type", "LOCAL", "-j", "DOCKER"));
        dnat.addNetwork(WEB);
        dnat.setPorts(A, Map.of(WEB, portsOf("172.18.0.2", 8080)));
        assertEquals(2, ipt.chains.get("nat/PREROUTING").size());

        List<String> removed = proxy.removeAll(); // e.g. engine stop --cleanup, which does not know the mode

        assertFalse(proxy.anyInstalled());
        assertFalse(dnat.anyInstalled());
        assertEquals(5, removed.stream().filter(l -> l.startsWith("iptables jump")).count(), removed.toString());
        assertEquals(6, removed.stream().filter(l -> l.startsWith("iptables chain")).count(), removed.toString());
        assertEquals(List.of(List.of("-m", "addrtype", "--dst-type", "LOCAL", "-j", "DOCKER")),
                ipt.chains.get("nat/PREROUTING"), "dockerd's jump stays");
        assertEquals(List.of(), ipt.chains.get("nat/OUTPUT"));
    }

    @Test
    void aRestartInTheOtherModeRemovesWhatOnlyTheOldModeHad() {
        dnat.addNetwork(WEB);
        dnat.setPorts(A, Map.of(WEB, portsOf("172.18.0.2", 8080)));

        List<String> removed = proxy.reconcile(List.of(WEB), n -> n.startsWith("jc-"), id -> false);

        assertFalse(ipt.chains.containsKey("nat/JC-DNAT"), removed.toString());
        assertFalse(ipt.chains.containsKey("filter/JC-PORTS"), removed.toString());
        assertEquals(List.of(), ipt.chains.get("nat/PREROUTING"));
        assertEquals(List.of(), ipt.chains.get("nat/OUTPUT"));
        List<String> rules = new ArrayList<>();
        ipt.chains.values().forEach(c -> c.forEach(r -> rules.add(String.join(" ", r))));
        assertTrue(rules.stream().noneMatch(r -> r.contains("addrtype") || r.contains("127.0.0.0/8")), rules.toString());
        // what the proxy mode wants is all there
        assertEquals(1, ipt.chains.get("nat/JC-POSTROUTING").size());
        assertEquals(ipt.chains.get("filter/JC-FORWARD"), List.of(List.of("-j", "JC-ISOLATION"),
                List.of("-i", "jc-3f2a9b1c0d4e", "-o", "jc-3f2a9b1c0d4e", "-j", "ACCEPT"),
                List.of("-o", "jc-3f2a9b1c0d4e", "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"),
                List.of("-i", "jc-3f2a9b1c0d4e", "!", "-o", "jc-3f2a9b1c0d4e", "-j", "ACCEPT")));

        // and back: the DNAT mode's pieces return, the forward jump to the ports chain first
        dnat.reconcile(List.of(WEB), n -> n.startsWith("jc-"), id -> false);
        assertEquals(List.of("-j", "JC-PORTS"), ipt.chains.get("filter/JC-FORWARD").get(0));
        assertEquals(1, ipt.chains.get("nat/OUTPUT").size());
    }
}
