package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.build.BuildException;
import dev.jcompose.runtime.build.BuildOptions;
import dev.jcompose.runtime.build.BuildOutput;
import dev.jcompose.runtime.build.ImageBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /build}: Docker's classic builder API, as the docker CLI with DOCKER_BUILDKIT=0, docker-java and
 * docker-compose 1.29 use it. The context is unpacked and the Dockerfile parsed before answering (errors there
 * are plain HTTP 400s, like dockerd's); then the build streams JSON messages ({@code stream}, {@code aux},
 * {@code errorDetail}). A client that disconnects cancels the build, killing a running RUN step.
 */
public final class BuildRoutes {
    private final ImageBuilder builder;

    public BuildRoutes(ImageBuilder builder) {
        this.builder = builder;
    }

    public void register(Router r) {
        r.post("/build", this::build);
        r.post("/build/prune", req -> ApiResponse.json(Map.of("CachesDeleted", List.of(), "SpaceReclaimed", 0)));
    }

    ApiResponse build(ApiRequest req) throws IOException {
        BuildOptions options = options(req);
        ImageBuilder.Prepared prepared;
        try (InputStream in = req.body()) {
            prepared = builder.prepare(in, options);
        }
        return new ApiResponse.Streamed(200, JsonMessages.CONTENT_TYPE, out -> run(prepared, options, out));
    }

    private void run(ImageBuilder.Prepared prepared, BuildOptions options, OutputStream out) throws IOException {
        JsonMessages messages = new JsonMessages(out);
        BuildOutput output = new BuildOutput() {
            @Override
            public void stream(String text) {
                if (!options.quiet()) {
                    messages.stream(text);
                }
            }

            @Override
            public void imageId(String id) {
                messages.auxId(id);
                if (options.quiet()) {
                    messages.stream(id + "\n");
                }
            }

            @Override
            public boolean cancelled() {
                return out instanceof ApiResponse.ClientAware c && !c.clientConnected();
            }
        };
        try {
            builder.build(prepared, output);
        } catch (BuildException e) {
            messages.error(e.getMessage(), e.code());
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away mid-write
        } catch (RuntimeError e) {
            messages.error(e.getMessage(), 0);
        } catch (RuntimeException e) {
            messages.error(e.getMessage() == null ? e.toString() : e.getMessage(), 0);
        }
    }

    static BuildOptions options(ApiRequest req) {
        List<String> tags = new ArrayList<>(req.query().getOrDefault("t", List.of()));
        tags.removeIf(String::isEmpty);
        String target = req.query("target", "");
        return new BuildOptions(tags, req.query("dockerfile", "Dockerfile"), stringMap(req, "buildargs"),
                target.isEmpty() ? null : target, stringMap(req, "labels"), req.flag("nocache", false),
                req.flag("pull", false), req.flag("forcerm", false), req.query("networkmode", ""),
                longQuery(req, "shmsize"), req.query().getOrDefault("extrahosts", List.of()).stream()
                        .flatMap(h -> java.util.Arrays.stream(h.split(","))).filter(h -> !h.isBlank()).toList(),
                req.flag("q", false));
    }

    /** A JSON object query parameter; a null value (an ARG named without value) stays null. */
    private static Map<String, String> stringMap(ApiRequest req, String name) {
        JsonNode node = req.jsonQuery(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (!node.isObject()) {
            throw RuntimeError.badRequest("invalid " + name + ": a JSON object is expected");
        }
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return out;
    }

    private static long longQuery(ApiRequest req, String name) {
        String v = req.query(name, "");
        try {
            return v.isEmpty() ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw RuntimeError.badRequest("invalid " + name + ": " + v);
        }
    }
}
