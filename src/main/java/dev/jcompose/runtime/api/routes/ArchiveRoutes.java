package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.archive.PathStat;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.ContainerFiles;
import dev.jcompose.runtime.engine.ContainerTop;
import dev.jcompose.runtime.engine.DockerJson;
import java.io.InputStream;
import java.util.List;

/**
 * docker cp, docker export and docker top: {@code /containers/{id}/archive} (HEAD stat, GET tar, PUT extract),
 * {@code /containers/{id}/export} and {@code /containers/{id}/top}.
 */
public final class ArchiveRoutes {
    private static final String TAR = "application/x-tar";
    private final ContainerEngine engine;
    private final ContainerFiles files;

    public ArchiveRoutes(ContainerEngine engine) {
        this.engine = engine;
        this.files = engine.files();
    }

    public void register(Router r) {
        r.head("/containers/{id}/archive", req -> {
            PathStat stat = files.stat(req.param("id"), path(req));
            return new ApiResponse.WithHeaders(new ApiResponse.Full(200, null, new byte[0]), stat.headers());
        });
        r.get("/containers/{id}/archive", this::archive);
        r.put("/containers/{id}/archive", this::extract);
        r.get("/containers/{id}/export", req -> {
            String id = engine.get(req.param("id")).id();
            return new ApiResponse.Streamed(200, TAR, out -> files.export(id, out));
        });
        r.get("/containers/{id}/top", this::top);
    }

    /** The stat is answered first (a missing path is a 404 before any byte of tar); the tar follows as a stream. */
    private ApiResponse archive(ApiRequest req) {
        String id = engine.get(req.param("id")).id();
        String path = path(req);
        PathStat stat = files.stat(req.param("id"), path);
        return new ApiResponse.WithHeaders(new ApiResponse.Streamed(200, TAR, out -> files.archive(id, path, out)),
                stat.headers());
    }

    private ApiResponse extract(ApiRequest req) throws Exception {
        String ref = req.param("id");
        String path = path(req);
        try (InputStream body = req.body()) {
            files.extract(ref, path, body, req.flag("noOverwriteDirNonDir", false), req.flag("copyUIDGID", false));
        }
        return new ApiResponse.Full(200, null, new byte[0]);
    }

    private ApiResponse top(ApiRequest req) {
        ContainerTop.Table table = engine.top().top(req.param("id"), req.query("ps_args"));
        ObjectNode o = DockerJson.object();
        o.set("Titles", DockerJson.array(table.titles()));
        ArrayNode rows = o.putArray("Processes");
        for (List<String> row : table.processes()) {
            rows.add(DockerJson.array(row));
        }
        return ApiResponse.json(o);
    }

    private static String path(ApiRequest req) {
        String path = req.query("path");
        if (path == null || path.isEmpty()) {
            throw RuntimeError.badRequest("bad parameter: path cannot be empty");
        }
        return path;
    }
}
