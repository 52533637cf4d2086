package dev.jcompose.runtime.network;

import java.util.Map;

/**
 * A request to create a network (the body of {@code POST /networks/create}, already decoded).
 *
 * @param driver  only {@code bridge} (or null/empty, meaning bridge) is supported by the embedded engine
 * @param subnet  null: picked from the default pools; gateway null: the subnet's first host address
 */
public record NetworkSpec(String name, String driver, String subnet, String gateway, boolean internal,
        boolean attachable, Map<String, String> labels, Map<String, String> options) {
    public NetworkSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static NetworkSpec bridge(String name) {
        return new NetworkSpec(name, "bridge", null, null, false, false, Map.of(), Map.of());
    }

    public NetworkSpec withSubnet(String subnet) {
        return new NetworkSpec(name, driver, subnet, gateway, internal, attachable, labels, options);
    }

    public NetworkSpec withInternal(boolean internal) {
        return new NetworkSpec(name, driver, subnet, gateway, internal, attachable, labels, options);
    }
}
