package dev.jcompose.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A network to create. driver null = engine default (bridge). */
public record NetworkSpec(String name, String driver, Map<String, String> labels, boolean internal,
        boolean attachable, boolean enableIpv6, Ipam ipam, Map<String, String> options) {
    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ipam = ipam == null ? Ipam.DEFAULT : ipam;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static NetworkSpec of(String name, Map<String, String> labels) {
        return new NetworkSpec(name, null, labels, false, false, false, null, null);
    }

    /** IP address management: driver null = "default"; pools empty = engine picks a subnet. */
    public record Ipam(String driver, List<Pool> pools, Map<String, String> options) {
        public static final Ipam DEFAULT = new Ipam(null, List.of(), Map.of());

        public Ipam {
            pools = pools == null ? List.of() : List.copyOf(pools);
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }

    /** One address pool; null fields = not set. */
    public record Pool(String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {
        public Pool {
            auxAddresses = auxAddresses == null ? Map.of() : Map.copyOf(auxAddresses);
        }

        public static Pool subnet(String subnet) {
            return new Pool(subnet, null, null, null);
        }
    }
}
