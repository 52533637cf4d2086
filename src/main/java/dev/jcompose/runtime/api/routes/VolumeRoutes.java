package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.DockerJson;
import dev.jcompose.runtime.engine.VolumeRecord;
import java.util.Set;

/** The /volumes endpoints: create (idempotent), list with filters, inspect, remove (409 while used), prune. */
public final class VolumeRoutes {
    private static final Set<String> FILTERS = Set.of("name", "label", "dangling", "driver");
    private final ContainerEngine engine;

    public VolumeRoutes(ContainerEngine engine) {
        this.engine = engine;
    }

    public void register(Router r) {
        r.post("/volumes/create", this::create);
        r.get("/volumes", this::list);
        r.post("/volumes/prune", this::prune);
        r.get("/volumes/{name}", req -> ApiResponse.json(view(engine.volumes().get(req.param("name")))));
        r.delete("/volumes/{name}", req -> {
            engine.removeVolume(req.param("name"));
            return ApiResponse.noContent();
        });
    }

    private ApiResponse create(ApiRequest req) {
        JsonNode body = req.json();
        VolumeRecord v = engine.createVolume(DockerJson.text(body, "Name"), DockerJson.text(body, "Driver"),
                DockerJson.stringMap(body, "Labels"), DockerJson.stringMap(body, "DriverOpts"));
        return ApiResponse.json(201, view(v));
    }

    ObjectNode view(VolumeRecord v) {
        ObjectNode o = DockerJson.object();
        o.put("CreatedAt", v.createdAt());
        o.put("Driver", v.driver());
        ObjectNode labels = o.putObject("Labels");
        v.labels().forEach(labels::put);
        o.put("Mountpoint", engine.volumes().dataDir(v.name()).toString());
        o.put("Name", v.name());
        if (v.options().isEmpty()) {
            o.putNull("Options");
        } else {
            ObjectNode options = o.putObject("Options");
            v.options().forEach(options::put);
        }
        o.put("Scope", "local");
        return o;
    }

    private boolean matches(VolumeRecord v, Filters f) {
        return f.anyOf("name", n -> v.name().contains(n))
                && f.anyOf("driver", d -> d.equals(v.driver()))
                && Filters.labelsMatch(f.get("label"), v.labels())
                && f.anyOf("dangling", d -> (d.equals("true") || d.equals("1")) == engine.volumeUsers(v.name())
                        .isEmpty());
    }

    private ApiResponse list(ApiRequest req) {
        Filters f = Filters.of(req, FILTERS);
        ObjectNode o = DockerJson.object();
        ArrayNode list = o.putArray("Volumes");
        engine.volumes().list().stream().filter(v -> matches(v, f)).forEach(v -> list.add(view(v)));
        o.putArray("Warnings");
        return ApiResponse.json(o);
    }

    /** API 1.41 prunes every unused local volume matching the label filters. */
    private ApiResponse prune(ApiRequest req) {
        Filters f = Filters.of(req, Set.of("label", "label!"));
        ArrayNode deleted = DockerJson.MAPPER.createArrayNode();
        long reclaimed = 0;
        for (VolumeRecord v : engine.volumes().list()) {
            boolean excluded = !f.get("label!").isEmpty() && Filters.labelsMatch(f.get("label!"), v.labels());
            if (!excluded && Filters.labelsMatch(f.get("label"), v.labels()) && engine.volumeUsers(v.name()).isEmpty()) {
                long size = engine.volumes().size(v.name());
                engine.removeVolume(v.name());
                deleted.add(v.name());
                reclaimed += size;
            }
        }
        ObjectNode o = DockerJson.object();
        o.set("VolumesDeleted", deleted);
        o.put("SpaceReclaimed", reclaimed);
        return ApiResponse.json(o);
    }
}
