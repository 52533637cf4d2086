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
 */
public final class FirewallPlan {
    /** What the rules of one network depend on. */
    public record Bridge(String name, Ipv4Subnet subnet, int gateway, boolean internal) {
    }

    /** A chain of ours in a table. */
    public record Chain(String table, String name) {
    }

    private final Naming naming;

    public FirewallPlan(Naming naming) {
        this.naming = naming;
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

    public List<Chain> chains() {
        return List.of(new Chain("filter", forward()), new Chain("filter", isolation()), new Chain("filter", input()),
                new Chain("nat", postrouting()));
    }

    /** The only rules we put into built-in chains. */
    public List<IptablesRule> jumps() {
        String tag = "-m comment --comment " + naming.comment() + " -j ";
        return List.of(
                IptablesRule.insertFirst("filter", "FORWARD", tag + forward()),
                IptablesRule.insertFirst("filter", "INPUT", tag + input()),
                IptablesRule.append("nat", "POSTROUTING", tag + postrouting()));
    }

    /** Rules independent of any network, installed with the chains. */
    public List<IptablesRule> baseRules() {
        return List.of(IptablesRule.append("filter", forward(), "-j " + isolation()));
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
        return rules;
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

    /** The teardown when the last network goes: jumps first, then flush and delete our chains. */
    public List<String> renderRemoveAll() {
        List<String> out = new ArrayList<>();
        jumps().forEach(r -> out.add("-t " + r.table() + " -D " + r.chain() + " " + String.join(" ", r.spec())));
        chains().forEach(c -> out.add("-t " + c.table() + " -F " + c.name()));
        chains().forEach(c -> out.add("-t " + c.table() + " -X " + c.name()));
        return out;
    }
}
