package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.ContainerRecord;
import dev.jcompose.runtime.engine.DockerJson;
import dev.jcompose.runtime.engine.HealthRecord;
import dev.jcompose.runtime.engine.MountPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The /containers endpoints of Docker Engine API 1.41 (streams are in {@link ContainerStreams}). */
public final class ContainerRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("id", "name", "label", "status", "ancestor", "exited",
            "health", "volume", "network", "before", "since", "is-task", "expose", "publish");

    private final ContainerEngine engine;
    private final ContainerViews views;

    public ContainerRoutes(ContainerEngine engine, java.nio.file.Path containersDir, java.time.Clock clock) {
        this.engine = engine;
        this.views = new ContainerViews(engine, containersDir, clock);
    }

    ContainerViews views() {
        return views;
    }

    public void register(Router r) {
        r.post("/containers/create", this::create);
        r.get("/containers/json", this::list);
        r.get("/containers/{id}/json", req -> ApiResponse.json(views.inspect(engine.get(req.param("id")))));
        r.post("/containers/{id}/start", req -> noContent(() -> engine.start(req.param("id"))));
        r.post("/containers/{id}/stop", req -> noContent(() -> engine.stop(req.param("id"), seconds(req))));
        r.post("/containers/{id}/restart", req -> noContent(() -> engine.restart(req.param("id"), seconds(req))));
        r.post("/containers/{id}/kill", req -> noContent(() -> engine.kill(req.param("id"), req.query("signal"))));
        r.post("/containers/{id}/pause", req -> noContent(() -> engine.pause(req.param("id"))));
        r.post("/containers/{id}/unpause", req -> noContent(() -> engine.unpause(req.param("id"))));
        r.post("/containers/{id}/rename", req -> noContent(() -> engine.rename(req.param("id"), req.query("name"))));
        r.post("/containers/{id}/wait", this::waitFor);
        r.delete("/containers/{id}", req -> noContent(() -> engine.remove(req.param("id"), req.flag("force", false),
                req.flag("v", false))));
        r.post("/containers/{id}/resize", req -> {
            engine.stdio().resize(req.param("id"), TtySize.rows(req), TtySize.columns(req));
            return ApiResponse.json(200, DockerJson.object());
        });
        r.post("/containers/{id}/update", req -> notImplemented("container update"));
        new ContainerChangesRoute(engine).register(r);
        r.post("/containers/prune", this::prune);
    }

    static ApiResponse notImplemented(String what) {
        return ApiResponse.json(501, java.util.Map.of("message", what + " is not implemented by the jcompose engine"));
    }

    private static ApiResponse noContent(Runnable action) {
        action.run();
        return ApiResponse.noContent();
    }

    private static Duration seconds(ApiRequest req) {
        String t = req.query("t");
        if (t == null || t.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw RuntimeError.badRequest("invalid value for t: " + t);
        }
    }

    private ApiResponse create(ApiRequest req) {
        ContainerEngine.Created c = engine.create(req.query("name"), req.json());
        ObjectNode o = DockerJson.object();
        o.put("Id", c.id());
        o.set("Warnings", DockerJson.array(c.warnings()));
        return ApiResponse.json(201, o);
    }

    /**
     * Docker writes the 200 header at once and the body when the condition is met, so a client knows the wait
     * is registered before it starts the container (docker run does exactly that).
     */
    private ApiResponse waitFor(ApiRequest req) {
        String id = req.param("id");
        CompletableFuture<Integer> result = engine.waitFor(id, req.query("condition"));
        return new ApiResponse.Streamed(200, "application/json", out -> {
            ObjectNode body = DockerJson.object();
            try {
                body.putNull("Error");
                body.put("StatusCode", result.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                engine.cancelWait(id, result);
                return;
            } catch (ExecutionException e) {
                body.putObject("Error").put("Message", String.valueOf(e.getCause().getMessage()));
                body.put("StatusCode", -1);
            }
            out.write(DockerJson.MAPPER.writeValueAsBytes(body));
            out.write('\n');
        });
    }

    private ApiResponse list(ApiRequest req) {
        Filters f = Filters.of(req, LIST_FILTERS);
        boolean all = req.flag("all", false) || f.has("status") || f.has("exited");
        int limit = req.intQuery("limit", -1);
        ArrayNode out = DockerJson.MAPPER.createArrayNode();
        List<ContainerRecord> rows = new ArrayList<>();
        for (ContainerRecord r : engine.list()) {
            if ((all || r.state().running()) && matches(r, f)) {
                rows.add(r);
            }
        }
        boolean sizes = req.flag("size", false); // docker ps -s
        rows.stream().limit(limit > 0 ? limit : Long.MAX_VALUE).forEach(r -> out.add(sizes
                ? DiskUsageRoutes.withSizes(views.summary(r), engine, r) : views.summary(r)));
        return ApiResponse.json(out);
    }

    private boolean matches(ContainerRecord r, Filters f) {
        return f.anyOf("id", v -> r.id().startsWith(v))
                && f.anyOf("name", v -> nameMatches(v, r.name()))
                && Filters.labelsMatch(f.get("label"), r.labels())
                && f.anyOf("status", v -> v.equals(r.state().status()))
                && f.anyOf("exited", v -> !r.state().running() && r.state().startedAt() != null
                        && v.equals(Integer.toString(r.state().exitCode())))
                && f.anyOf("health", v -> v.equals(health(r)))
                && f.anyOf("ancestor", v -> ancestor(v, r))
                && f.anyOf("volume", v -> r.mounts().stream().anyMatch(m -> v.equals(m.name())
                        || v.equals(m.destination()) || (m.type().equals(MountPoint.BIND) && v.equals(m.source()))))
                && f.anyOf("network", v -> views.networks(r, engine.networkSetup(r.id()).orElse(null)).has(v));
    }

    private static String health(ContainerRecord r) {
        HealthRecord h = r.state().health();
        return h == null ? "none" : h.status();
    }

    /** Docker matches the name filter as a regular expression against "/name". */
    private static boolean nameMatches(String filter, String name) {
        try {
            return Pattern.compile(filter).matcher("/" + name).find();
        } catch (PatternSyntaxException e) {
            return ("/" + name).contains(filter);
        }
    }

    private static boolean ancestor(String image, ContainerRecord r) {
        String bare = image.startsWith("sha256:") ? image.substring(7) : image;
        return r.imageName().equals(image) || r.imageName().equals(image + ":latest")
                || r.imageId().substring(7).startsWith(bare) || (image + ":latest").equals(r.imageName() + ":latest");
    }

    private ApiResponse prune(ApiRequest req) {
        Filters f = Filters.of(req, Set.of("label", "until"));
        ArrayNode deleted = DockerJson.MAPPER.createArrayNode();
        for (ContainerRecord r : engine.list()) {
            if (!r.state().running() && Filters.labelsMatch(f.get("label"), r.labels())) {
                engine.remove(r.id(), false, false);
                deleted.add(r.id());
            }
        }
        ObjectNode o = DockerJson.object();
        o.set("ContainersDeleted", deleted);
        o.put("SpaceReclaimed", 0);
        return ApiResponse.json(o);
    }
}
