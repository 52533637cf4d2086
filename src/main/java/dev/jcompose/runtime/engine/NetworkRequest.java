package dev.jcompose.runtime.engine;

import java.util.List;
import java.util.Map;

/**
 * What a container asks of networking, from its HostConfig and NetworkingConfig: the mode (none, default,
 * bridge, host, a network name), the endpoints by network name, port bindings, DNS settings. Handed to the
 * {@link NetworkAttacher} at every lifecycle step.
 *
 * @param networkMode HostConfig.NetworkMode as given ("" means default)
 * @param portBindings container port ("80/tcp") to host bindings, stored for the port proxy
 */
public record NetworkRequest(String containerName, String hostname, String domainname, String networkMode,
        Map<String, Endpoint> endpoints, Map<String, List<HostBinding>> portBindings, boolean publishAllPorts,
        List<String> exposedPorts, List<String> dns, List<String> dnsSearch, List<String> dnsOptions,
        List<String> extraHosts) {

    public NetworkRequest {
        // insertion order kept (Map.copyOf iterates in a per-JVM random order): endpoints attach and ports bind in
        // the order the client gave them
        endpoints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(endpoints));
        portBindings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(portBindings));
        exposedPorts = List.copyOf(exposedPorts);
        dns = List.copyOf(dns);
        dnsSearch = List.copyOf(dnsSearch);
        dnsOptions = List.copyOf(dnsOptions);
        extraHosts = List.copyOf(extraHosts);
    }

    /** One requested endpoint (EndpointsConfig entry): aliases and fixed addresses. */
    public record Endpoint(List<String> aliases, String ipv4Address, String ipv6Address) {
        public Endpoint {
            aliases = List.copyOf(aliases);
        }
    }

    /** One PortBindings entry: host address ("" = all) and port ("" = any free one). */
    public record HostBinding(String hostIp, String hostPort) {
    }

    /** The mode's network name as Docker shows it: "" and "default" are the bridge network. */
    public String primaryNetwork() {
        return networkMode.isEmpty() || networkMode.equals("default") ? "bridge" : networkMode;
    }

    public boolean isHost() {
        return networkMode.equals("host");
    }

    public boolean isNone() {
        return networkMode.equals("none");
    }

    /** {@code container:<name|id>}: shares another container's namespace. */
    public boolean isContainerMode() {
        return networkMode.startsWith("container:");
    }
}
