package dev.jcompose.runtime.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure generator of the iptables rules for our bridges. Everything lives in our own chains; the built-in chains
 * get exactly one comment-tagged jump each, so removing jcompose's rules never needs to understand anyone
 * else's and dockerd's FORWARD DROP policy no longer swallows our bridged traffic.
 *
 * <pre>
 * filter FORWARD    -I 1 -m comment --comment TAG -j X-FORWARD
 * filter INPUT      -I 1 -m comment --comment TAG -j X-INPUT
 * nat    POSTROUTING -A   -m comment --comment TAG -j X-POSTROUTING
 * X-FORWARD      -j X-ISOLATION                       (first: drops win over accepts whatever the order of networks)
 * X-ISOLATION    per bridge: new flows into it from elsewhere DROP; out of it into dockerd's bridges DROP;
 *                internal: anything in or out DROP
 * X-FORWARD      per bridge: within ACCEPT; replies in ACCEPT, out ACCEPT (not internal)
 * X-INPUT        per bridge: udp/tcp 53 to the gateway ACCEPT (the embedded DNS, should INPUT default to DROP)
 * X-POSTROUTING  per bridge: -s SUBNET ! -o BR MASQUERADE (not internal)
 * </pre>
 *
 * With DNAT port publishing ({@code dnat}, dockerd's {@code --userland-proxy=false}) the plan grows:
 * <pre>
 * nat    PREROUTING  -A ! -d 127.0.0.0/8 -m comment --comment TAG -m addrtype --dst-type LOCAL -j X-DNAT
 * nat    OUTPUT      -A   -m comment --comment TAG -m addrtype --dst-type LOCAL -j X-DNAT
 * X-FORWARD      -I 1 -j X-PORTS                      (ahead of X-ISOLATION, which drops new flows into a bridge)
 * X-INPUT        per bridge: -i BR -d 127.0.0.0/8, not a reply, DROP (route_localnet=1 must not open the host's
 *                loopback services to the containers)
 * X-POSTROUTING  per bridge: -o BR --src-type LOCAL MASQUERADE (host-originated, e.g. 127.0.0.1, DNAT'd traffic)
 * per published port, each rule tagged with the container ({@link #containerTag}):
 * X-DNAT         [-d HOSTIP/32] -p P --dport HOSTPORT -j DNAT --to-destination CIP:CPORT
 * X-PORTS        -d CIP/32 ! -i BR -o BR -p P, ctstate DNAT, --dport CPORT ACCEPT (not internal)
 * X-POSTROUTING  -s CIP/32 -d CIP/32 -p P --dport CPORT MASQUERADE (hairpin: a container to its own port)
 * </pre>
 * PREROUTING skips loopback destinations: a container cannot reach a 127.0.0.1 binding through its gateway
 * (dockerd 20.10 lets it; newer moby drops it in raw PREROUTING). The ACCEPT matches only connections that were
 * DNAT'd, so a published port is no reason to reach the container's address directly from another network.
 */
public final class FirewallPlan {
    /** What the rules of one network depend on. */
    public record Bridge(String name, Ipv4Subnet subnet, int gateway, boolean internal) {
    }

    /** A chain of ours in a table. */
    public record Chain(String table, String name) {
    }

    private static final String LOOPBACK = "127.0.0.0/8";

    private final Naming naming;
    private final boolean dnat;

    /** The userland-proxy plan: no DNAT chains, rules or jumps. */
    public FirewallPlan(Naming naming) {
        this(naming, false);
    }

    public FirewallPlan(Naming naming, boolean dnat) {
        this.naming = naming;
        this.dnat = dnat;
    }

    public boolean dnat() {
        return dnat;
    }

    /** The same names in the other publishing mode: what a switch of modes leaves behind. */
    FirewallPlan otherMode() {
        return new FirewallPlan(naming, !dnat);
    }

    public String forward() {
        return naming.chain("FORWARD");
    }

    public String isolation() {
        return naming.chain("ISOLATION");
    }

    public String input() {
        return naming.chain("INPUT");
    }

    public String postrouting() {
        return naming.chain("POSTROUTING");
    }

    /** nat: the DNAT of every published port (DNAT mode). */
    public String dnatChain() {
        return naming.chain("DNAT");
    }

    /** filter: forwarded traffic to published container ports (DNAT mode). */
    public String ports() {
        return naming.chain("PORTS");
    }

    /** The chains this mode installs. */
    public List<Chain> chains() {
        List<Chain> chains = new ArrayList<>(List.of(new Chain("filter", forward()), new Chain("filter", isolation()),
                new Chain("filter", input()), new Chain("nat", postrouting())));
        if (dnat) {
            chains.add(new Chain("filter", ports()));
            chains.add(new Chain("nat", dnatChain()));
        }
        return chains;
    }

    /** Every chain either mode creates: a cleanup removes them whatever mode the daemon ran in. */
    public List<Chain> allChains() {
        return new FirewallPlan(naming, true).chains();
    }

    /** The only rules we put into built-in chains. */
    public List<IptablesRule> jumps() {
        String tag = "-m comment --comment " + naming.comment();
        List<IptablesRule> jumps = new ArrayList<>(List.of(
                IptablesRule.insertFirst("filter", "FORWARD", tag + " -j " + forward()),
                IptablesRule.insertFirst("filter", "INPUT", tag + " -j " + input()),
                IptablesRule.append("nat", "POSTROUTING", tag + " -j " + postrouting())));
        if (dnat) {
            String local = " -m addrtype --dst-type LOCAL -j " + dnatChain();
            jumps.add(IptablesRule.append("nat", "PREROUTING", "! -d " + LOOPBACK + " " + tag + local));
            jumps.add(IptablesRule.append("nat", "OUTPUT", tag + local));
        }
        return jumps;
    }

    /** Every jump either mode adds. */
    public List<IptablesRule> allJumps() {
        return new FirewallPlan(naming, true).jumps();
    }

    /** Rules independent of any network, installed with the chains. */
    public List<IptablesRule> baseRules() {
        List<IptablesRule> rules = new ArrayList<>();
        if (dnat) {
            rules.add(IptablesRule.insertFirst("filter", forward(), "-j " + ports()));
        }
        rules.add(IptablesRule.append("filter", forward(), "-j " + isolation()));
        return rules;
    }

    /** Everything a network adds; removing the network deletes exactly these. */
    public List<IptablesRule> networkRules(Bridge b) {
        String br = b.name();
        List<IptablesRule> rules = new ArrayList<>();
        if (b.internal()) {
            rules.add(IptablesRule.append("filter", isolation(), "-o " + br + " ! -i " + br + " -j DROP"));
            rules.add(IptablesRule.append("filter", isolation(), "-i " + br + " ! -o " + br + " -j DROP"));
        } else {
            rules.add(IptablesRule.append("filter", isolation(),
                    "-o " + br + " ! -i " + br + " -m conntrack ! --ctstate RELATED,ESTABLISHED -j DROP"));
            // dockerd isolates its own bridges from each other; do the same between ours and its.
            rules.add(IptablesRule.append("filter", isolation(), "-i " + br + " -o docker+ -j DROP"));
            rules.add(IptablesRule.append("filter", isolation(), "-i " + br + " -o br-+ -j DROP"));
        }
        rules.add(IptablesRule.append("filter", forward(), "-i " + br + " -o " + br + " -j ACCEPT"));
        if (!b.internal()) {
            rules.add(IptablesRule.append("filter", forward(),
                    "-o " + br + " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"));
            rules.add(IptablesRule.append("filter", forward(), "-i " + br + " ! -o " + br + " -j ACCEPT"));
        }
        String gw = Ipv4.format(b.gateway()) + "/32";
        rules.add(IptablesRule.append("filter", input(), "-i " + br + " -d " + gw + " -p udp -m udp --dport 53 -j ACCEPT"));
        rules.add(IptablesRule.append("filter", input(), "-i " + br + " -d " + gw + " -p tcp -m tcp --dport 53 -j ACCEPT"));
        if (!b.internal()) {
            rules.add(IptablesRule.append("nat", postrouting(), "-s " + b.subnet() + " ! -o " + br + " -j MASQUERADE"));
        }
        if (dnat) {
            rules.add(IptablesRule.append("filter", input(), "-d " + LOOPBACK + " -i " + br
                    + " -m conntrack ! --ctstate RELATED,ESTABLISHED -j DROP"));
            rules.add(IptablesRule.append("nat", postrouting(), "-o " + br + " -m addrtype --src-type LOCAL -j MASQUERADE"));
        }
        return rules;
    }

    /** The comment that marks a container's port rules, so they can be found and removed without their inputs. */
    public String containerTag(String containerId) {
        return naming.comment() + ":" + containerId;
    }

    /** The rules of one published port of {@code containerId} behind bridge {@code b} (DNAT mode). */
    public List<IptablesRule> portRules(String containerId, Bridge b, PortMapping m) {
        String tag = " -m comment --comment " + containerTag(containerId);
        String p = m.protocol();
        String cip = m.containerIp() + "/32";
        List<IptablesRule> rules = new ArrayList<>();
        rules.add(IptablesRule.append("nat", dnatChain(), (m.anyHostAddress() ? "" : "-d " + m.hostIp() + "/32 ")
                + "-p " + p + " -m " + p + " --dport " + m.hostPort() + tag + " -j DNAT --to-destination "
                + m.containerIp() + ":" + m.containerPort()));
        if (!b.internal()) {
            rules.add(IptablesRule.append("filter", ports(), "-d " + cip + " ! -i " + b.name() + " -o " + b.name()
                    + " -p " + p + " -m conntrack --ctstate DNAT -m " + p + " --dport " + m.containerPort() + tag
                    + " -j ACCEPT"));
        }
        rules.add(IptablesRule.append("nat", postrouting(), "-s " + cip + " -d " + cip + " -p " + p + " -m " + p
                + " --dport " + m.containerPort() + tag + " -j MASQUERADE"));
        return rules;
    }

    /** The chains where container-tagged rules live. */
    List<Chain> portRuleChains() {
        return List.of(new Chain("nat", dnatChain()), new Chain("filter", ports()), new Chain("nat", postrouting()));
    }

    /**
     * The full install for a set of networks as readable commands (golden files, docs): chain creation, base
     * rules, per-network rules, then the jumps last so no packet ever enters a half-built chain.
     */
    public List<String> renderInstall(List<Bridge> bridges) {
        List<String> out = new ArrayList<>();
        chains().forEach(c -> out.add("-t " + c.table() + " -N " + c.name()));
        baseRules().forEach(r -> out.add(r.render()));
        bridges.forEach(b -> networkRules(b).forEach(r -> out.add(r.render())));
        jumps().forEach(r -> out.add(r.render()));
        return out;
    }

    /**
     * The teardown when the last network goes: jumps first, then flush and delete our chains. (The firewall also
     * removes the other mode's jumps and chains when they are there, left by a daemon run in that mode.)
     */
    public List<String> renderRemoveAll() {
        List<String> out = new ArrayList<>();
        jumps().forEach(r -> out.add("-t " + r.table() + " -D " + r.chain() + " " + String.join(" ", r.spec())));
        chains().forEach(c -> out.add("-t " + c.table() + " -F " + c.name()));
        chains().forEach(c -> out.add("-t " + c.table() + " -X " + c.name()));
        return out;
    }
}
