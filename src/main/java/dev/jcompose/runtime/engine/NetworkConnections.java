package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * docker network connect/disconnect on the container side: the endpoint is added to (removed from) the
 * container's NetworkingConfig, so the next start attaches it; a running container is changed at once through the
 * {@link NetworkAttacher}. Compose connects its containers' further networks this way between create and start.
 */
final class NetworkConnections {
    private final EngineContext ctx;

    NetworkConnections(EngineContext ctx) {
        this.ctx = ctx;
    }

    void connect(String ref, String network, JsonNode endpointConfig) {
        String id = ctx.store.get(ref).id();
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.get(id);
            String mode = DockerJson.text(r.hostConfig(), "NetworkMode", "default");
            if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
                throw new RuntimeError(400, "container cannot be disconnected from host network or connected to "
                        + (mode.equals("host") ? "host" : "a different") + " network");
            }
            ObjectNode networking = r.networkingConfig().deepCopy();
            ObjectNode endpoints = networking.has("EndpointsConfig") && networking.get("EndpointsConfig").isObject()
                    ? (ObjectNode) networking.get("EndpointsConfig") : networking.putObject("EndpointsConfig");
            NetworkSetup setup = ctx.setups.get(id);
            if (setup != null && setup.networks().containsKey(network)) {
                throw new RuntimeError(403, "endpoint with name " + r.name().replaceFirst("^/", "")
                        + " already exists in network " + network);
            }
            endpoints.set(network, endpointConfig == null || !endpointConfig.isObject() ? DockerJson.object()
                    : endpointConfig.deepCopy());
            ContainerRecord updated = r.withNetworkingConfig(networking);
            if (setup != null && r.state().running()) {
                NetworkSetup.EndpointSettings added = ctx.network.connect(id, EngineContext.networkRequest(updated),
                        network);
                Map<String, NetworkSetup.EndpointSettings> all = new LinkedHashMap<>(setup.networks());
                all.put(network, added);
                ctx.setups.put(id, new NetworkSetup(all, setup.ports(), setup.resolvConf(), setup.hostsAddress()));
            }
            ctx.store.update(updated);
        });
    }

    void disconnect(String ref, String network) {
        String id = ctx.store.get(ref).id();
        ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.get(id);
            ObjectNode networking = r.networkingConfig().deepCopy();
            JsonNode endpoints = networking.path("EndpointsConfig");
            NetworkSetup setup = ctx.setups.get(id);
            boolean attached = setup != null && setup.networks().containsKey(network);
            if (!endpoints.has(network) && !attached) {
                throw new RuntimeError(403, "container " + id + " is not connected to network " + network);
            }
            if (endpoints.isObject()) {
                ((ObjectNode) endpoints).remove(network);
            }
            if (attached) {
                ctx.network.disconnect(id, network);
                Map<String, NetworkSetup.EndpointSettings> all = new LinkedHashMap<>(setup.networks());
                all.remove(network);
                ctx.setups.put(id, new NetworkSetup(all, setup.ports(), setup.resolvConf(), setup.hostsAddress()));
            }
            ContainerRecord updated = r.withNetworkingConfig(networking);
            String mode = DockerJson.text(r.hostConfig(), "NetworkMode", "default");
            boolean primary = mode.equals(network) || (network.equals("bridge") && (mode.equals("default")
                    || mode.isEmpty()));
            if (primary && endpoints.size() > 0) {
                // the next start's first network is one still connected. With none left the mode stays: compose
                // v1 disconnects the primary network and connects it again with its aliases before the start
                ObjectNode host = r.hostConfig().deepCopy();
                host.put("NetworkMode", endpoints.fieldNames().next());
                updated = new ContainerRecord(updated.id(), updated.name(), updated.created(), updated.imageId(),
                        updated.path(), updated.args(), updated.config(), host, updated.networkingConfig(),
                        updated.mounts(), updated.state(), updated.restartCount(), updated.manuallyStopped());
            }
            ctx.store.update(updated);
        });
    }
}
