package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.ContainerRecord;
import dev.jcompose.runtime.engine.DockerJson;
import dev.jcompose.runtime.network.EndpointRecord;
import dev.jcompose.runtime.network.NetworkManager;
import dev.jcompose.runtime.network.NetworkRecord;
import dev.jcompose.runtime.network.NetworkSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The /networks endpoints in Docker 1.41 shapes: create (409 on a duplicate name), list with filters, inspect
 * (with the attached containers), connect/disconnect, remove (403 while endpoints exist), prune.
 */
public final class NetworkRoutes {
    private static final Set<String> FILTERS = Set.of("name", "label", "id", "driver", "type", "scope", "dangling");
    private final NetworkManager networks;
    private final ContainerEngine engine;

    public NetworkRoutes(NetworkManager networks, ContainerEngine engine) {
        this.networks = networks;
        this.engine = engine;
    }

    public void register(Router r) {
        r.post("/networks/create", this::create);
        r.post("/networks/prune", this::prune);
        r.get("/networks", this::list);
        r.get("/networks/{id}", req -> ApiResponse.json(view(networks.inspect(req.param("id")), true)));
        r.post("/networks/{id}/connect", this::connect);
        r.post("/networks/{id}/disconnect", this::disconnect);
        r.delete("/networks/{id}", req -> {
            NetworkRecord n = networks.inspect(req.param("id"));
            networks.remove(n.id());
            event(n, "destroy", null);
            return ApiResponse.noContent();
        });
    }

    private ApiResponse create(ApiRequest req) {
        JsonNode body = req.json();
        String name = DockerJson.text(body, "Name", "");
        if (name.isEmpty()) {
            throw RuntimeError.badRequest("network name is required");
        }
        if (DockerJson.bool(body, "EnableIPv6")) {
            throw RuntimeError.badRequest("IPv6 networks are not supported by the jcompose engine");
        }
        String subnet = null;
        String gateway = null;
        JsonNode configs = body.path("IPAM").path("Config");
        if (configs.isArray() && configs.size() > 1) {
            throw RuntimeError.badRequest("only one IPAM config per network is supported by the jcompose engine");
        }
        if (configs.isArray() && configs.size() == 1) {
            subnet = emptyToNull(DockerJson.text(configs.get(0), "Subnet", ""));
            gateway = emptyToNull(DockerJson.text(configs.get(0), "Gateway", ""));
            String range = DockerJson.text(configs.get(0), "IPRange", "");
            if (!range.isEmpty() && !range.equals(subnet)) {
                throw RuntimeError.badRequest("IPRange is not supported by the jcompose engine");
            }
        }
        NetworkRecord n = networks.create(new NetworkSpec(name, DockerJson.text(body, "Driver", "bridge"), subnet,
                gateway, DockerJson.bool(body, "Internal"), DockerJson.bool(body, "Attachable"),
                DockerJson.stringMap(body, "Labels"), DockerJson.stringMap(body, "Options")));
        event(n, "create", null);
        ObjectNode o = DockerJson.object();
        o.put("Id", n.id());
        o.put("Warning", "");
        return ApiResponse.json(201, o);
    }

    private ApiResponse list(ApiRequest req) {
        Filters f = Filters.of(req, FILTERS);
        ArrayNode out = DockerJson.MAPPER.createArrayNode();
        networks.list().stream().filter(n -> matches(n, f)).forEach(n -> out.add(view(n, false)));
        return ApiResponse.json(out);
    }

    private boolean matches(NetworkRecord n, Filters f) {
        return f.anyOf("name", v -> n.name().contains(v))
                && f.anyOf("id", v -> n.id().startsWith(v))
                && f.anyOf("driver", v -> v.equals(driver(n)))
                && f.anyOf("scope", v -> v.equals("local"))
                && f.anyOf("type", v -> v.equals(n.builtin() ? "builtin" : "custom"))
                && f.anyOf("dangling", v -> (v.equals("true") || v.equals("1")) == (!n.builtin()
                        && networks.endpointsOn(n.id()).isEmpty()))
                && Filters.labelsMatch(f.get("label"), n.labels());
    }

    private ApiResponse connect(ApiRequest req) {
        NetworkRecord n = networks.inspect(req.param("id"));
        JsonNode body = req.json();
        String container = DockerJson.text(body, "Container", "");
        if (container.isEmpty()) {
            throw RuntimeError.badRequest("container is required");
        }
        if (n.name().equals(NetworkManager.HOST) || n.name().equals(NetworkManager.NONE)) {
            throw new RuntimeError(400, "container cannot be disconnected from host network or connected to "
                    + n.name() + " network");
        }
        engine.connectNetwork(container, n.name(), body.path("EndpointConfig"));
        event(n, "connect", engine.get(container).id());
        return ApiResponse.json(200, DockerJson.object());
    }

    private ApiResponse disconnect(ApiRequest req) {
        NetworkRecord n = networks.inspect(req.param("id"));
        String container = DockerJson.text(req.json(), "Container", "");
        if (container.isEmpty()) {
            throw RuntimeError.badRequest("container is required");
        }
        engine.disconnectNetwork(container, n.name());
        event(n, "disconnect", engine.get(container).id());
        return ApiResponse.json(200, DockerJson.object());
    }

    /** User networks without endpoints; label and label! filters as for the other prunes. */
    private ApiResponse prune(ApiRequest req) {
        Filters f = Filters.of(req, Set.of("label", "label!", "until"));
        ArrayNode deleted = DockerJson.MAPPER.createArrayNode();
        for (NetworkRecord n : networks.list()) {
            boolean unlabelled = f.get("label!").stream().noneMatch(l -> Filters.labelsMatch(java.util.List.of(l),
                    n.labels()));
            if (n.builtin() || !networks.endpointsOn(n.id()).isEmpty() || !Filters.labelsMatch(f.get("label"),
                    n.labels()) || !unlabelled) {
                continue;
            }
            try {
                networks.remove(n.id());
                event(n, "destroy", null);
                deleted.add(n.name());
            } catch (RuntimeError e) {
                // attached meanwhile: kept, like Docker
            }
        }
        ObjectNode o = DockerJson.object();
        o.set("NetworksDeleted", deleted);
        return ApiResponse.json(o);
    }

    ObjectNode view(NetworkRecord n, boolean withContainers) {
        ObjectNode o = DockerJson.object();
        o.put("Name", n.name());
        o.put("Id", n.id());
        o.put("Created", n.created());
        o.put("Scope", "local");
        o.put("Driver", driver(n));
        o.put("EnableIPv6", false);
        ObjectNode ipam = o.putObject("IPAM");
        ipam.put("Driver", "default");
        ipam.putNull("Options");
        ArrayNode configs = ipam.putArray("Config");
        if (n.subnet() != null) {
            configs.addObject().put("Subnet", n.subnet()).put("Gateway", n.gateway());
        }
        o.put("Internal", n.internal());
        o.put("Attachable", n.attachable());
        o.put("Ingress", false);
        o.putObject("ConfigFrom").put("Network", "");
        o.put("ConfigOnly", false);
        ObjectNode containers = o.putObject("Containers");
        if (withContainers) {
            for (EndpointRecord e : networks.endpointsOn(n.id())) {
                Optional<ContainerRecord> c = engine.list().stream().filter(r -> r.id().equals(e.containerId()))
                        .findFirst();
                if (c.isEmpty()) {
                    continue; // an endpoint of a container removed meanwhile: reconcile drops it
                }
                ObjectNode entry = containers.putObject(e.containerId());
                entry.put("Name", c.get().name().replaceFirst("^/", ""));
                entry.put("EndpointID", e.endpointId());
                entry.put("MacAddress", e.mac() == null ? "" : e.mac());
                entry.put("IPv4Address", e.ipv4() == null ? "" : e.ipv4() + "/" + e.prefixLength());
                entry.put("IPv6Address", "");
            }
        }
        ObjectNode options = o.putObject("Options");
        n.options().forEach(options::put);
        ObjectNode labels = o.putObject("Labels");
        n.labels().forEach(labels::put);
        return o;
    }

    /** Docker's network events: actor = network id, attributes name, type and (connect/disconnect) container. */
    private void event(NetworkRecord n, String action, String containerId) {
        Map<String, String> attributes = new java.util.TreeMap<>();
        attributes.put("name", n.name());
        attributes.put("type", driver(n));
        if (containerId != null) {
            attributes.put("container", containerId);
        }
        engine.events().publish("network", action, n.id(), attributes, null);
    }

    private static String driver(NetworkRecord n) {
        return n.driver() == null ? "null" : n.driver();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
