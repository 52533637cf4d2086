package dev.jcompose.model;

import java.util.List;
import java.util.Map;

/** A top-level network; {@code name} is the engine-side name (project_key unless name:/external). */
public record Network(String key, String name, String driver, Map<String, String> driverOpts, String ipamDriver,
        List<IpamPool> ipamConfig, boolean internal, boolean attachable, Boolean enableIpv6, boolean external,
        Map<String, String> labels) {
    public Network {
        driverOpts = driverOpts == null ? Map.of() : Map.copyOf(driverOpts);
        ipamConfig = ipamConfig == null ? List.of() : List.copyOf(ipamConfig);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** One IPAM pool. */
    public record IpamPool(String subnet, String gateway, String ipRange, Map<String, String> auxAddresses) {
        public IpamPool {
            auxAddresses = auxAddresses == null ? Map.of() : Map.copyOf(auxAddresses);
        }
    }
}
