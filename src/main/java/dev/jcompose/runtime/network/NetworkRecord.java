package dev.jcompose.runtime.network;

import java.util.Map;
import java.util.TreeMap;

/**
 * A network as persisted and as reported to the API layer. {@code driver} is Docker's: {@code bridge},
 * {@code host} or {@code null} (the {@code none} network); only bridge networks have a bridge, subnet and gateway.
 *
 * @param builtin  one of the pre-defined networks ({@code bridge}, {@code host}, {@code none}): never removed
 * @param dns      whether the embedded DNS answers container names here (user-defined bridges, as in Docker)
 */
public record NetworkRecord(String id, String name, String driver, String bridge, String subnet, String gateway,
        boolean internal, boolean attachable, boolean builtin, boolean dns, Map<String, String> labels,
        Map<String, String> options, String created) {
    public NetworkRecord {
        labels = labels == null ? Map.of() : new TreeMap<>(labels);
        options = options == null ? Map.of() : new TreeMap<>(options);
    }

    /** Not named isBridge(): Jackson would take it for the {@code bridge} property and clobber the name. */
    public boolean bridgeDriver() {
        return "bridge".equals(driver);
    }

    Ipv4Subnet ipv4Subnet() {
        return Ipv4Subnet.parse(subnet);
    }

    int ipv4Gateway() {
        return Ipv4.parse(gateway);
    }

    FirewallPlan.Bridge firewallBridge() {
        return new FirewallPlan.Bridge(bridge, ipv4Subnet(), ipv4Gateway(), internal);
    }
}
