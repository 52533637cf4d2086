package dev.jcompose.runtime.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure generator of the {@code ip} batches for bridges, namespaces and endpoints. Nothing here runs a process,
 * so every script is golden-tested without root; {@link LinkManager} executes them.
 */
public final class LinkPlan {
    private LinkPlan() {
    }

    /** An endpoint to wire: one veth pair from the network's bridge into the container's namespace. */
    public record Endpoint(String bridge, String hostVeth, String netns, String ifName, int address, Ipv4Subnet subnet,
            int gateway, boolean defaultRoute) {
        public String mac() {
            return MacAddress.fromIp(address);
        }
    }

    /**
     * The bridge with the gateway as its address; the kernel then routes the subnet to it. Its MAC is fixed
     * (derived from the gateway IP): a bridge without one takes the lowest MAC of its ports and changes it when
     * that port goes, leaving every container with a stale ARP entry for the gateway (DNS and the default route
     * break for minutes after a scale-down).
     */
    public static IpBatch createBridge(String bridge, int gateway, Ipv4Subnet subnet) {
        return new IpBatch(null, false, List.of(
                "link add name " + bridge + " address " + MacAddress.fromIp(gateway) + " type bridge",
                "addr add " + Ipv4.format(gateway) + "/" + subnet.prefix() + " broadcast + dev " + bridge,
                "link set " + bridge + " up"));
    }

    /** For an existing bridge on daemon start: address and state as they must be ({@code replace} is idempotent). */
    public static IpBatch repairBridge(String bridge, int gateway, Ipv4Subnet subnet) {
        return new IpBatch(null, false, List.of(
                "link set " + bridge + " address " + MacAddress.fromIp(gateway),
                "addr replace " + Ipv4.format(gateway) + "/" + subnet.prefix() + " broadcast + dev " + bridge,
                "link set " + bridge + " up"));
    }

    public static IpBatch removeBridge(String bridge) {
        return new IpBatch(null, true, List.of("link del " + bridge));
    }

    /**
     * Host side: the pair is created with its peer born directly inside the namespace under its final name and
     * MAC (no rename, no window where a host-side "eth0" exists), then the host end joins the bridge.
     * {@code netnsRef} is a name under /run/netns or a path: {@code ip link ... netns} takes both.
     */
    public static IpBatch attachHostSide(Endpoint e, String netnsRef) {
        return new IpBatch(null, false, List.of(
                "link add name " + e.hostVeth() + " type veth peer name " + e.ifName() + " address " + e.mac()
                        + " netns " + netnsRef,
                "link set " + e.hostVeth() + " master " + e.bridge() + " up"));
    }

    /**
     * Hairpin on the bridge port: with DNAT publishing a container that connects to its own published port is
     * DNAT'd back to itself while the frame is being bridged, so the bridge must send it out of the port it came
     * in on (dockerd does the same when its userland proxy is off).
     */
    public static IpBatch hairpin(String hostVeth) {
        return new IpBatch(null, false, List.of("link set dev " + hostVeth + " type bridge_slave hairpin on"));
    }

    /** Container side, run with {@code ip -n NETNS}: address, link up, loopback up, default route. */
    public static IpBatch attachContainerSide(Endpoint e) {
        List<String> lines = new ArrayList<>(List.of(
                "addr add " + Ipv4.format(e.address()) + "/" + e.subnet().prefix() + " broadcast + dev " + e.ifName(),
                "link set " + e.ifName() + " up",
                "link set lo up"));
        if (e.defaultRoute()) {
            lines.add("route add default via " + Ipv4.format(e.gateway()) + " dev " + e.ifName());
        }
        return new IpBatch(e.netns(), false, lines);
    }

    /** Deleting the host end takes the peer with it; done explicitly because netns deletion is asynchronous. */
    public static IpBatch detach(String hostVeth) {
        return new IpBatch(null, true, List.of("link del " + hostVeth));
    }

    /** A fresh namespace for a container; its loopback is raised by {@link #loopbackUp(String)}. */
    public static IpBatch createNetns(String netns) {
        return new IpBatch(null, false, List.of("netns add " + netns));
    }

    public static IpBatch loopbackUp(String netns) {
        return new IpBatch(netns, false, List.of("link set lo up"));
    }

    /**
     * Namespace teardown: every host-side veth first (the kernel destroys a namespace's links lazily after
     * {@code netns del}, and a quick re-create of the same veth name would then fail with "File exists").
     */
    public static IpBatch removeNetns(String netns, List<String> hostVeths) {
        List<String> lines = new ArrayList<>();
        hostVeths.forEach(v -> lines.add("link del " + v));
        lines.add("netns del " + netns);
        return new IpBatch(null, true, lines);
    }
}
