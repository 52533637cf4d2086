package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.oci.NamespaceMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Networking before the network part is wired in: mode none, default and bridge get a new namespace with only
 * {@code lo} (runc brings it up), host shares the host's; any other network does not exist (404 at start, like
 * Docker for a removed network). Publishes nothing.
 */
public final class LoopbackOnly implements NetworkAttacher {
    @Override
    public NamespaceMode namespace(String containerId, NetworkRequest request) {
        if (request.isHost()) {
            return NamespaceMode.HOST;
        }
        String network = request.primaryNetwork();
        if (!network.equals("none") && !network.equals("bridge")) {
            throw RuntimeError.notFound("network " + network + " not found");
        }
        for (String name : request.endpoints().keySet()) {
            if (!name.equals(network)) {
                throw RuntimeError.notFound("network " + name + " not found");
            }
        }
        return NamespaceMode.PRIVATE;
    }

    @Override
    public NetworkSetup attach(String containerId, Path netnsPath, NetworkRequest request) {
        String network = request.isHost() ? "host" : request.primaryNetwork();
        NetworkRequest.Endpoint e = request.endpoints().get(network);
        List<String> aliases = e == null ? List.of() : e.aliases();
        return new NetworkSetup(Map.of(network, new NetworkSetup.EndpointSettings(network, "", aliases, "", 0, "",
                "")), List.of(), null, null);
    }

    @Override
    public NetworkSetup recovered(String containerId, NetworkRequest request) {
        return attach(containerId, null, request);
    }

    @Override
    public void detach(String containerId) {
    }
}
