package dev.jcompose.runtime.network;

import java.util.List;

/**
 * A container's attachment to a network, as persisted and as returned by
 * {@link NetworkManager#attach}. Host and none networks have endpoints without links or addresses, so that
 * "which containers are on this network" has one answer for every driver.
 *
 * @param ifName       the interface inside the container (eth0, eth1, ...); null without a link
 * @param hostVeth     the host end of the veth pair; null without a link
 * @param netns        the namespace (name under /run/netns, or a path) the interface lives in
 * @param ipv4         the address, null on host/none
 * @param prefixLength the subnet's prefix length (0 without an address)
 * @param gateway      the network's gateway (the default route when {@code defaultRoute})
 * @param aliases      the DNS names registered for this endpoint on the network
 */
public record EndpointRecord(String endpointId, String containerId, String networkId, String networkName,
        String ifName, String hostVeth, String netns, String ipv4, int prefixLength, String mac, String gateway,
        boolean defaultRoute, List<String> aliases) {
    public EndpointRecord {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public boolean hasLink() {
        return hostVeth != null;
    }
}
