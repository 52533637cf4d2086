package dev.jcompose.model;

import java.util.List;

/** A service's attachment to a project network; the key in Service.networks is the project network key. */
public record ServiceNetwork(List<String> aliases, String ipv4Address, String ipv6Address, int priority,
        String macAddress) {
    public ServiceNetwork {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public static final ServiceNetwork DEFAULT = new ServiceNetwork(List.of(), null, null, 0, null);
}
