package dev.jcompose.runtime.ports;

import java.util.List;

/**
 * Kernel forwarding of published ports (DNAT rules), for a publisher that only reserves the host ports: the
 * traffic never reaches the reserving sockets. Implemented by the network layer, which knows the bridges.
 */
public interface PortRules {
    /** Installs forwarding for every port of the container, all or nothing (throws and leaves nothing). */
    void add(String containerId, List<PublishedPort> ports);

    /** Removes every rule of the container; a no-op when there is none. */
    void remove(String containerId);
}
