package dev.jcompose.runtime.netattach;

import dev.jcompose.runtime.network.NetworkManager;
import dev.jcompose.runtime.network.PortMapping;
import dev.jcompose.runtime.ports.PortRules;
import dev.jcompose.runtime.ports.PublishedPort;
import java.util.List;

/** The ports layer's forwarding seen as the network layer's DNAT rules (the two packages know nothing of each other). */
final class DnatRules implements PortRules {
    private final NetworkManager networks;

    DnatRules(NetworkManager networks) {
        this.networks = networks;
    }

    @Override
    public void add(String containerId, List<PublishedPort> ports) {
        networks.publishPorts(containerId, ports.stream().map(p -> new PortMapping(p.hostIp(), p.hostPort(),
                p.containerIp(), p.containerPort(), p.protocol())).toList());
    }

    @Override
    public void remove(String containerId) {
        networks.unpublishPorts(containerId);
    }
}
