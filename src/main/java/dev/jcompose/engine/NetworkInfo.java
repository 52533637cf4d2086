package dev.jcompose.engine;

import java.time.Instant;
import java.util.Map;

/** A network as inspected. containers maps container id to its endpoint on this network. */
public record NetworkInfo(String id, String name, String driver, String scope, Instant created,
        Map<String, String> labels, boolean internal, boolean attachable, boolean enableIpv6, NetworkSpec.Ipam ipam,
        Map<String, String> options, Map<String, Member> containers) {
    public NetworkInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
        containers = containers == null ? Map.of() : Map.copyOf(containers);
        ipam = ipam == null ? NetworkSpec.Ipam.DEFAULT : ipam;
    }

    /** ipv4Address in CIDR form as Docker reports it ("172.18.0.2/16"), empty when unknown. */
    public record Member(String name, String ipv4Address, String macAddress) {
    }
}
