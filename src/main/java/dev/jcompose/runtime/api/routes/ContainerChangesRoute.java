package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.DockerJson;
import dev.jcompose.runtime.snapshot.FileChange;
import java.util.List;

/**
 * {@code GET /containers/{id}/changes} ({@code docker diff}): [{"Path", "Kind"}], Kind 0 modified, 1 added,
 * 2 deleted. dockerd answers {@code null} (a nil Go slice) when nothing changed, so this does too.
 */
final class ContainerChangesRoute {
    private final ContainerEngine engine;

    ContainerChangesRoute(ContainerEngine engine) {
        this.engine = engine;
    }

    void register(Router r) {
        r.get("/containers/{id}/changes", this::changes);
    }

    private ApiResponse changes(ApiRequest req) {
        List<FileChange> changes = engine.changes(req.param("id"));
        if (changes.isEmpty()) {
            return ApiResponse.json(DockerJson.MAPPER.nullNode());
        }
        ArrayNode out = DockerJson.MAPPER.createArrayNode();
        for (FileChange c : changes) {
            out.addObject().put("Path", c.path()).put("Kind", c.kind().code());
        }
        return ApiResponse.json(out);
    }
}
