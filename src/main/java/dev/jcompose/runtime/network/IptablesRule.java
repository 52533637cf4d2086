package dev.jcompose.runtime.network;

import java.util.ArrayList;
import java.util.List;

/**
 * One iptables rule: table, chain and the match/target words. {@code position} 1 means "insert first"
 * (needed in FORWARD, ahead of a DROP policy or Docker's rules), 0 means append.
 */
public record IptablesRule(String table, String chain, int position, List<String> spec) {
    public IptablesRule {
        spec = List.copyOf(spec);
    }

    public static IptablesRule append(String table, String chain, String spec) {
        return new IptablesRule(table, chain, 0, List.of(spec.split(" ")));
    }

    public static IptablesRule insertFirst(String table, String chain, String spec) {
        return new IptablesRule(table, chain, 1, List.of(spec.split(" ")));
    }

    /** {@code -w} waits for the xtables lock instead of failing when dockerd changes rules at the same time. */
    private List<String> argv(String... op) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-t", table));
        argv.addAll(List.of(op));
        argv.addAll(spec);
        return argv;
    }

    public List<String> check() {
        return argv("-C", chain);
    }

    public List<String> add() {
        return position > 0 ? argv("-I", chain, Integer.toString(position)) : argv("-A", chain);
    }

    public List<String> delete() {
        return argv("-D", chain);
    }

    /** The form {@code iptables -S} prints, used in golden files and docs. */
    public String render() {
        return "-t " + table + (position > 0 ? " -I " + chain + " " + position : " -A " + chain) + " "
                + String.join(" ", spec);
    }
}
