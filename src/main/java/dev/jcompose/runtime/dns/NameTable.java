package dev.jcompose.runtime.dns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names registered per network: name → addresses (several for replicas sharing an alias) and address → names
 * (for PTR). Names are case-insensitive, as DNS names are. Thread-safe: registrations come from the API while
 * queries are answered on many threads.
 */
public final class NameTable {
    private final Map<String, Map<String, Set<String>>> byName = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> byAddress = new HashMap<>();

    public synchronized void register(String network, String name, String ipv4) {
        String key = normalise(name);
        byName.computeIfAbsent(network, n -> new HashMap<>()).computeIfAbsent(key, k -> new LinkedHashSet<>()).add(ipv4);
        byAddress.computeIfAbsent(network, n -> new HashMap<>()).computeIfAbsent(ipv4, k -> new LinkedHashSet<>()).add(key);
    }

    public synchronized void unregister(String network, String name, String ipv4) {
        String key = normalise(name);
        removeFrom(byName.get(network), key, ipv4);
        removeFrom(byAddress.get(network), ipv4, key);
    }

    /** Drops every name of one address (a container leaving the network). */
    public synchronized void unregisterAddress(String network, String ipv4) {
        Map<String, Set<String>> names = byAddress.get(network);
        if (names == null || !names.containsKey(ipv4)) {
            return;
        }
        for (String name : List.copyOf(names.get(ipv4))) {
            unregister(network, name, ipv4);
        }
    }

    public synchronized void removeNetwork(String network) {
        byName.remove(network);
        byAddress.remove(network);
    }

    /** The addresses of {@code name} in the first network of {@code scope} that knows it, in registration order. */
    public synchronized List<String> lookup(List<String> scope, String name) {
        String key = normalise(name);
        for (String network : scope) {
            Set<String> ips = byName.getOrDefault(network, Map.of()).get(key);
            if (ips != null && !ips.isEmpty()) {
                return List.copyOf(ips);
            }
        }
        return List.of();
    }

    /** PTR targets for an address: {@code name.network}, as Docker answers, from the first network that has it. */
    public synchronized List<String> reverse(List<String> scope, String ipv4) {
        for (String network : scope) {
            Set<String> names = byAddress.getOrDefault(network, Map.of()).get(ipv4);
            if (names != null && !names.isEmpty()) {
                List<String> out = new ArrayList<>();
                names.forEach(n -> out.add(n + "." + network));
                return out;
            }
        }
        return List.of();
    }

    /** Which network of {@code candidates} holds {@code ipv4} (to find the scope of a querying container). */
    public synchronized boolean hasAddress(String network, String ipv4) {
        return byAddress.getOrDefault(network, Map.of()).containsKey(ipv4);
    }

    static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static void removeFrom(Map<String, Set<String>> map, String key, String value) {
        if (map == null) {
            return;
        }
        Set<String> set = map.get(key);
        if (set != null) {
            set.remove(value);
            if (set.isEmpty()) {
                map.remove(key);
            }
        }
    }
}
