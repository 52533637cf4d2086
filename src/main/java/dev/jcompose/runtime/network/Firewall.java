package dev.jcompose.runtime.network;

import dev.jcompose.runtime.RuntimeError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Applies {@link FirewallPlan} idempotently: every rule is checked ({@code -C}) before it is added, every delete
 * repeats while the rule is still there (so a duplicate left by a crash goes too), chains are created only when
 * missing. Calls are serialised: iptables itself is not transactional across commands.
 */
public final class Firewall {
    private final HostCommands host;
    private final FirewallPlan plan;

    public Firewall(HostCommands host, FirewallPlan plan) {
        this.host = host;
        this.plan = plan;
    }

    public FirewallPlan plan() {
        return plan;
    }

    public synchronized void addNetwork(FirewallPlan.Bridge bridge) {
        ensureBase();
        plan.networkRules(bridge).forEach(this::ensure);
    }

    /** Removes one network's rules; the chains and jumps go with the last network. */
    public synchronized void removeNetwork(FirewallPlan.Bridge bridge, boolean wasLast) {
        plan.networkRules(bridge).forEach(this::remove);
        if (wasLast) {
            removeAll();
        }
    }

    /** Chains, base rules, then the jumps last so traffic never enters a chain before its rules exist. */
    public synchronized void ensureBase() {
        for (FirewallPlan.Chain c : plan.chains()) {
            if (!host.run(List.of("iptables", "-w", "-t", c.table(), "-S", c.name())).ok()) {
                mustSucceed(List.of("iptables", "-w", "-t", c.table(), "-N", c.name()));
            }
        }
        plan.baseRules().forEach(this::ensure);
        plan.jumps().forEach(this::ensure);
    }

    /**
     * Jumps out first (traffic stops reaching our chains), then flush and delete; missing pieces are fine.
     * Returns what existed and was removed.
     */
    public synchronized List<String> removeAll() {
        List<String> removed = new ArrayList<>();
        for (IptablesRule j : plan.jumps()) {
            if (remove(j)) {
                removed.add("iptables jump " + j.render());
            }
        }
        List<FirewallPlan.Chain> present = plan.chains().stream()
                .filter(c -> host.run(List.of("iptables", "-w", "-t", c.table(), "-S", c.name())).ok()).toList();
        java.util.Map<FirewallPlan.Chain, Integer> counts = new java.util.HashMap<>();
        for (FirewallPlan.Chain c : present) {
            counts.put(c, listRules(c).size());
            host.run(List.of("iptables", "-w", "-t", c.table(), "-F", c.name()));
        }
        for (FirewallPlan.Chain c : present) {
            int rules = counts.get(c);
            if (host.run(List.of("iptables", "-w", "-t", c.table(), "-X", c.name())).ok()) {
                removed.add("iptables chain -t " + c.table() + " " + c.name() + " (" + rules + " rules)");
            }
        }
        return removed;
    }

    /**
     * After a crash: drop every rule in our chains that names a bridge matching {@code ours} but not in
     * {@code live}, then make sure the live networks' rules are all there (or remove everything if none is).
     */
    public synchronized List<String> reconcile(Collection<FirewallPlan.Bridge> live, Predicate<String> ours) {
        if (live.isEmpty()) {
            return removeAll(); // flushing our chains takes every rule in them
        }
        List<String> removed = new ArrayList<>();
        Set<String> liveNames = live.stream().map(FirewallPlan.Bridge::name).collect(Collectors.toSet());
        for (FirewallPlan.Chain c : plan.chains()) {
            for (List<String> rule : listRules(c)) {
                List<String> ifaces = interfaces(rule);
                if (ifaces.stream().anyMatch(i -> ours.test(i) && !liveNames.contains(i))) {
                    List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-t", c.table(), "-D"));
                    argv.addAll(rule.subList(1, rule.size()));
                    if (host.run(argv).ok()) {
                        removed.add("iptables rule -t " + c.table() + " " + String.join(" ", rule));
                    }
                }
            }
        }
        ensureBase();
        live.forEach(b -> plan.networkRules(b).forEach(this::ensure));
        return removed;
    }

    /** True when any of our chains or jumps exists (residue checks). */
    public boolean anyInstalled() {
        for (FirewallPlan.Chain c : plan.chains()) {
            if (host.run(List.of("iptables", "-w", "-t", c.table(), "-S", c.name())).ok()) {
                return true;
            }
        }
        return plan.jumps().stream().anyMatch(j -> host.run(j.check()).ok());
    }

    /** The {@code -A CHAIN ...} lines of one of our chains, split in words; empty when the chain is missing. */
    List<List<String>> listRules(FirewallPlan.Chain c) {
        HostCommands.Result r = host.run(List.of("iptables", "-w", "-t", c.table(), "-S", c.name()));
        List<List<String>> rules = new ArrayList<>();
        if (r.ok()) {
            r.stdout().lines().filter(l -> l.startsWith("-A ")).forEach(l -> rules.add(Arrays.asList(l.split(" "))));
        }
        return rules;
    }

    private static List<String> interfaces(List<String> rule) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < rule.size(); i++) {
            if (rule.get(i).equals("-i") || rule.get(i).equals("-o")) {
                out.add(rule.get(i + 1));
            }
        }
        return out;
    }

    private void ensure(IptablesRule rule) {
        if (!host.run(rule.check()).ok()) {
            mustSucceed(rule.add());
        }
    }

    /** Deletes every copy of the rule; true when there was one. */
    private boolean remove(IptablesRule rule) {
        boolean found = false;
        for (int guard = 0; guard < 16 && host.run(rule.check()).ok(); guard++) {
            host.run(rule.delete());
            found = true;
        }
        return found;
    }

    private void mustSucceed(List<String> argv) {
        HostCommands.Result r = host.run(argv);
        if (!r.ok()) {
            throw new RuntimeError(500, String.join(" ", argv) + " failed: " + r.stderr().strip());
        }
    }
}
