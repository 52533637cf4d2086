package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.DockerJson;
import dev.jcompose.runtime.engine.ExecManager;
import java.io.InputStream;

/** docker exec: POST /containers/{id}/exec, POST /exec/{id}/start, GET /exec/{id}/json, POST /exec/{id}/resize. */
public final class ExecRoutes {
    private final ContainerEngine engine;

    public ExecRoutes(ContainerEngine engine) {
        this.engine = engine;
    }

    public void register(Router r) {
        r.post("/containers/{id}/exec", this::create);
        r.post("/exec/{id}/start", this::start);
        r.get("/exec/{id}/json", this::inspect);
        r.post("/exec/{id}/resize", req -> {
            engine.execs().resize(req.param("id"), TtySize.rows(req), TtySize.columns(req));
            return ApiResponse.json(200, DockerJson.object());
        });
    }

    private ApiResponse create(ApiRequest req) {
        String id = engine.execs().create(req.param("id"), req.json());
        ObjectNode o = DockerJson.object();
        o.put("Id", id);
        return ApiResponse.json(201, o);
    }

    /**
     * Detached: 200 once it runs. Otherwise the output, multiplexed unless Tty, over the hijacked connection (or
     * as a plain streamed body for clients that do not ask to upgrade), closed when the process ends; the
     * client's bytes are the process's stdin when the exec was created with AttachStdin.
     */
    private ApiResponse start(ApiRequest req) throws java.io.IOException {
        String id = req.param("id");
        JsonNode body = req.json();
        ExecManager.Exec exec = engine.execs().get(id);
        boolean multiplexed = !(DockerJson.bool(body, "Tty") || exec.tty());
        if (DockerJson.bool(body, "Detach")) {
            engine.execs().start(id, true, null);
            return ApiResponse.json(200, DockerJson.object());
        }
        if (req.header("upgrade") == null) {
            return new ApiResponse.Streamed(200, Frames.RAW_STREAM, out ->
                    engine.execs().start(id, false, Frames.sink(out, multiplexed, false)));
        }
        return new ApiResponse.Hijacked(Frames.RAW_STREAM, (InputStream in, java.io.OutputStream out) ->
                engine.execs().start(id, false, in, Frames.sink(out, multiplexed, false)));
    }

    private ApiResponse inspect(ApiRequest req) {
        ExecManager.Exec e = engine.execs().get(req.param("id"));
        ObjectNode o = DockerJson.object();
        o.put("CanRemove", false);
        o.put("ContainerID", e.containerId);
        o.put("DetachKeys", "");
        if (e.exitCode() == null) {
            o.putNull("ExitCode");
        } else {
            o.put("ExitCode", e.exitCode());
        }
        o.put("ID", e.id);
        o.put("OpenStderr", DockerJson.bool(e.request, "AttachStderr"));
        o.put("OpenStdin", DockerJson.bool(e.request, "AttachStdin"));
        o.put("OpenStdout", DockerJson.bool(e.request, "AttachStdout"));
        o.set("ProcessConfig", DockerJson.MAPPER.valueToTree(ExecManager.processConfig(e)));
        o.put("Running", e.running());
        o.put("Pid", e.pid());
        return ApiResponse.json(o);
    }
}
