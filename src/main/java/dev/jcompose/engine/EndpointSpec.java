package dev.jcompose.engine;

import java.util.List;
import java.util.Objects;

/** A container's attachment to one network: DNS aliases and optional fixed addresses. */
public record EndpointSpec(String network, List<String> aliases, String ipv4Address, String ipv6Address) {
    public EndpointSpec {
        Objects.requireNonNull(network, "network");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public static EndpointSpec of(String network, String... aliases) {
        return new EndpointSpec(network, List.of(aliases), null, null);
    }
}
