package dev.jcompose.runtime.engine;

import java.util.List;
import java.util.Map;

/**
 * What a {@link NetworkAttacher} did for a started container: per network the settings inspect shows, the
 * ports it published, and optionally the resolv.conf and the address /etc/hosts should carry.
 *
 * @param resolvConf the file's text, or null for the engine's default (the host's servers minus loopback)
 * @param hostsAddress the container's address for its own /etc/hosts line, or null for none
 */
public record NetworkSetup(Map<String, EndpointSettings> networks, List<PublishedPort> ports, String resolvConf,
        String hostsAddress) {
    public static final NetworkSetup NONE = new NetworkSetup(Map.of(), List.of(), null, null);

    public NetworkSetup {
        networks = Map.copyOf(networks);
        ports = List.copyOf(ports);
    }

    /** Docker's EndpointSettings, the fields clients read. */
    public record EndpointSettings(String networkId, String endpointId, List<String> aliases, String ipAddress,
            int ipPrefixLen, String gateway, String macAddress) {
        public EndpointSettings {
            aliases = List.copyOf(aliases);
        }
    }

    /** A published port: container port/protocol and where it is reachable on the host. */
    public record PublishedPort(int containerPort, String protocol, String hostIp, int hostPort) {
    }
}
