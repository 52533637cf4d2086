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
        for (IptablesRule j : plan.allJumps()) {
            if (remove(j)) {
                removed.add("iptables jump " + j.render());
            }
        }
        List<FirewallPlan.Chain> present = plan.allChains().stream()
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
     * Port rules are not checked against containers: see {@link #reconcile(Collection, Predicate, Predicate)}.
     */
    public synchronized List<String> reconcile(Collection<FirewallPlan.Bridge> live, Predicate<String> ours) {
        return reconcile(live, ours, id -> true);
    }

    /**
     * {@link #reconcile(Collection, Predicate)}, plus: published-port rules of containers for which
     * {@code liveContainer} is false go, and what the other publishing mode installed (a daemon that ran with the
     * other mode before) goes too.
     */
    public synchronized List<String> reconcile(Collection<FirewallPlan.Bridge> live, Predicate<String> ours,
            Predicate<String> liveContainer) {
        if (live.isEmpty()) {
            return removeAll(); // flushing our chains takes every rule in them
        }
        List<String> removed = new ArrayList<>();
        Set<String> liveNames = live.stream().map(FirewallPlan.Bridge::name).collect(Collectors.toSet());
        String tagPrefix = plan.containerTag("");
        for (FirewallPlan.Chain c : plan.allChains()) {
            for (List<String> rule : listRules(c)) {
                List<String> ifaces = interfaces(rule);
                String owner = containerOf(rule, tagPrefix);
                if (ifaces.stream().anyMatch(i -> ours.test(i) && !liveNames.contains(i))
                        || owner != null && !liveContainer.test(owner)) {
                    if (deleteListed(c, rule)) {
                        removed.add("iptables rule -t " + c.table() + " " + String.join(" ", rule));
                    }
                }
            }
        }
        removed.addAll(removeOtherMode(live));
        ensureBase();
        live.forEach(b -> plan.networkRules(b).forEach(this::ensure));
        return removed;
    }

    /** Jumps, base rules, network rules and chains that only the other publishing mode has. */
    private List<String> removeOtherMode(Collection<FirewallPlan.Bridge> live) {
        FirewallPlan other = plan.otherMode();
        Set<IptablesRule> mine = new java.util.HashSet<>(plan.jumps());
        mine.addAll(plan.baseRules());
        live.forEach(b -> mine.addAll(plan.networkRules(b)));
        List<IptablesRule> theirs = new ArrayList<>(other.jumps());
        theirs.addAll(other.baseRules());
        live.forEach(b -> theirs.addAll(other.networkRules(b)));
        List<String> removed = new ArrayList<>();
        for (IptablesRule r : theirs) {
            if (!mine.contains(r) && remove(r)) {
                removed.add("iptables rule " + r.render());
            }
        }
        for (FirewallPlan.Chain c : other.chains()) {
            if (!plan.chains().contains(c) && host.run(List.of("iptables", "-w", "-t", c.table(), "-S", c.name())).ok()) {
                int rules = listRules(c).size();
                host.run(List.of("iptables", "-w", "-t", c.table(), "-F", c.name()));
                if (host.run(List.of("iptables", "-w", "-t", c.table(), "-X", c.name())).ok()) {
                    removed.add("iptables chain -t " + c.table() + " " + c.name() + " (" + rules + " rules)");
                }
            }
        }
        return removed;
    }

    /**
     * Makes the container's published-port rules exactly {@code wanted} (DNAT mode), all or nothing: the wanted
     * rules are ensured first (so a re-adopted container's traffic never stops), then tagged rules of the
     * container that are none of them (e.g. to an address it no longer has) go.
     */
    public synchronized void setPorts(String containerId, java.util.Map<FirewallPlan.Bridge, List<PortMapping>> wanted) {
        ensureBase();
        List<IptablesRule> rules = new ArrayList<>();
        wanted.forEach((bridge, mappings) -> mappings.forEach(m -> rules.addAll(plan.portRules(containerId, bridge, m))));
        try {
            rules.forEach(this::ensure);
            Set<List<String>> specs = rules.stream().map(r -> {
                List<String> words = new ArrayList<>(List.of("-A", r.chain()));
                words.addAll(r.spec());
                return words;
            }).collect(Collectors.toSet());
            boolean deleted = false;
            for (FirewallPlan.Chain c : plan.portRuleChains()) {
                for (List<String> rule : listRules(c)) {
                    if (containerId.equals(containerOf(rule, plan.containerTag(""))) && !specs.contains(rule)) {
                        deleted |= deleteListed(c, rule);
                    }
                }
            }
            if (deleted) {
                rules.forEach(this::ensure); // a stale rule -S spelt differently may have been one of ours
            }
        } catch (RuntimeException e) {
            removePorts(containerId);
            throw e;
        }
    }

    /**
     * Removes every published-port rule tagged with {@code containerId}, found by its tag, so nothing about the
     * mappings needs to be remembered. Returns what went.
     */
    public synchronized List<String> removePorts(String containerId) {
        List<String> removed = new ArrayList<>();
        for (FirewallPlan.Chain c : plan.portRuleChains()) {
            for (List<String> rule : listRules(c)) {
                if (containerId.equals(containerOf(rule, plan.containerTag(""))) && deleteListed(c, rule)) {
                    removed.add("iptables rule -t " + c.table() + " " + String.join(" ", rule));
                }
            }
        }
        return removed;
    }

    /** The id of the container a rule is tagged with, or null. */
    private static String containerOf(List<String> rule, String tagPrefix) {
        int i = rule.indexOf("--comment");
        if (i < 0 || i + 1 >= rule.size() || !rule.get(i + 1).startsWith(tagPrefix)) {
            return null;
        }
        return rule.get(i + 1).substring(tagPrefix.length());
    }

    /** Deletes a rule as {@code -S} listed it ({@code -A CHAIN words...}). */
    private boolean deleteListed(FirewallPlan.Chain c, List<String> rule) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-t", c.table(), "-D"));
        argv.addAll(rule.subList(1, rule.size()));
        return host.run(argv).ok();
    }

    /** True when any of our chains or jumps exists (residue checks). */
    public boolean anyInstalled() {
        for (FirewallPlan.Chain c : plan.allChains()) {
            if (host.run(List.of("iptables", "-w", "-t", c.table(), "-S", c.name())).ok()) {
                return true;
            }
        }
        return plan.allJumps().stream().anyMatch(j -> host.run(j.check()).ok());
    }

    /**
     * The {@code -A CHAIN ...} lines of one of our chains, split in words; empty when the chain is missing.
     * {@code -S} quotes comments with characters such as ':' (our container tags); the quotes go, as a shell
     * would take them, so the words can be passed back to {@code -D}. Our comments never contain spaces.
     */
    List<List<String>> listRules(FirewallPlan.Chain c) {
        HostCommands.Result r = host.run(List.of("iptables", "-w", "-t", c.table(), "-S", c.name()));
        List<List<String>> rules = new ArrayList<>();
        if (r.ok()) {
            r.stdout().lines().filter(l -> l.startsWith("-A ")).forEach(l -> rules.add(Arrays.stream(l.split(" "))
                    .map(Firewall::unquote).toList()));
        }
        return rules;
    }

    private static String unquote(String word) {
        return word.length() >= 2 && word.startsWith("\"") && word.endsWith("\"") ? word.substring(1, word.length() - 1)
                : word;
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
