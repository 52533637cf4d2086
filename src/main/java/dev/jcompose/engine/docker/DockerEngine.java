package dev.jcompose.engine.docker;

import static dev.jcompose.engine.docker.DockerConnection.labelFilters;
import static dev.jcompose.engine.docker.DockerConnection.query;
import static dev.jcompose.engine.docker.DockerConnection.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.engine.BuildSpec;
import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.EngineEvent;
import dev.jcompose.engine.EngineInfo;
import dev.jcompose.engine.EventFilter;
import dev.jcompose.engine.ExecResult;
import dev.jcompose.engine.ExecSpec;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.ImageSummary;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.engine.NetworkInfo;
import dev.jcompose.engine.NetworkSpec;
import dev.jcompose.engine.ProcessList;
import dev.jcompose.engine.PathStat;
import dev.jcompose.engine.Stdio;
import dev.jcompose.engine.Subscription;
import dev.jcompose.engine.VolumeInfo;
import dev.jcompose.engine.VolumeSpec;
import dev.jcompose.engine.wire.ContainerJson;
import dev.jcompose.engine.wire.Json;
import dev.jcompose.engine.wire.ObjectJson;
import dev.jcompose.engine.wire.RequestBodies;
import dev.jcompose.error.ComposeException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Engine SPI over the Docker Engine API v1.41 (dockerd, or jcompose's embedded engine, which serves the
 * same API). Plain request/response calls go through docker-java's HTTP transport with JSON mapped in
 * {@code engine.wire}; streams use docker-java's commands.
 */
public final class DockerEngine implements Engine {
    private final DockerConnection connection;
    private final DockerStreams streams;
    private final DockerBuild build;
    private final DockerInteractive interactive;
    private final DockerArchives archives;

    /**
     * host: unix:///path or tcp://host:port; parallel sizes the connection pool (--parallel); env supplies
     * DOCKER_TLS_VERIFY / DOCKER_CERT_PATH for tcp hosts.
     */
    public record Options(URI host, int parallel, Duration connectTimeout, Duration responseTimeout,
            Map<String, String> env) {
        public Options {
            Objects.requireNonNull(host, "host");
            parallel = Math.max(1, parallel);
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
            responseTimeout = responseTimeout == null ? Duration.ofMinutes(2) : responseTimeout;
            env = env == null ? Map.of() : Map.copyOf(env);
        }

        public static Options of(URI host) {
            return new Options(host, 16, null, null, null);
        }
    }

    public DockerEngine(Options options) {
        this.connection = new DockerConnection(options);
        this.streams = new DockerStreams(connection);
        this.build = new DockerBuild(connection);
        this.interactive = new DockerInteractive(connection, streams);
        this.archives = new DockerArchives(connection);
    }

    public URI host() {
        return connection.host();
    }

    @Override
    public void ping() {
        connection.getText("/_ping");
    }

    @Override
    public EngineInfo info() {
        JsonNode v = connection.get("/version", null);
        String platform = Json.text(v.path("Platform"), "Name").toLowerCase(Locale.ROOT);
        return new EngineInfo(platform.contains("jcompose") ? "embedded" : "docker", Json.text(v, "Version"),
                DockerConnection.API_VERSION, Json.text(v, "Os"), Json.text(v, "Arch"),
                Json.text(v, "KernelVersion"));
    }

    // --- containers ---

    @Override
    public List<ContainerSummary> listContainers(List<String> labelFilters, boolean includeStopped) {
        JsonNode list = connection.get("/containers/json",
                query("all", includeStopped ? "1" : "0", "filters", labelFilters(labelFilters)));
        List<ContainerSummary> out = new ArrayList<>();
        list.forEach(c -> out.add(ContainerJson.summary(c)));
        return out;
    }

    @Override
    public ContainerInfo inspectContainer(String container) {
        return ContainerJson.info(connection.get(containerPath(container) + "/json", null));
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        JsonNode created = connection.post("/containers/create", query("name", spec.name()),
                RequestBodies.createContainer(spec));
        String id = Json.text(created, "Id");
        try {
            for (EndpointSpec extra : spec.networks().subList(Math.min(1, spec.networks().size()),
                    spec.networks().size())) {
                connectNetwork(id, extra);
            }
        } catch (RuntimeException e) {
            // Half-attached containers would look converged to the next `up`; do not leave one behind.
            try {
                removeContainer(id, true, true);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return id;
    }

    @Override
    public void startContainer(String container) {
        connection.post(containerPath(container) + "/start", null, null);
    }

    @Override
    public void stopContainer(String container, Duration timeout) {
        connection.postLong(containerPath(container) + "/stop",
                query("t", timeout == null ? null : Long.toString(timeout.toSeconds())), null);
    }

    @Override
    public void killContainer(String container, String signal) {
        connection.post(containerPath(container) + "/kill", query("signal", signal), null);
    }

    @Override
    public void pauseContainer(String container) {
        connection.post(containerPath(container) + "/pause", null, null);
    }

    @Override
    public void unpauseContainer(String container) {
        connection.post(containerPath(container) + "/unpause", null, null);
    }

    @Override
    public void removeContainer(String container, boolean force, boolean removeVolumes) {
        connection.delete(containerPath(container),
                query("force", Boolean.toString(force), "v", Boolean.toString(removeVolumes)));
    }

    @Override
    public void renameContainer(String container, String newName) {
        connection.post(containerPath(container) + "/rename", query("name", newName), null);
    }

    @Override
    public int waitContainer(String container) {
        JsonNode result = connection.postLong(containerPath(container) + "/wait", query("condition", "not-running"),
                null);
        String error = Json.text(result.path("Error"), "Message");
        if (!error.isEmpty()) {
            throw EngineErrors.failure(error);
        }
        return (int) Json.number(result, "StatusCode");
    }

    @Override
    public Subscription logs(String container, LogOptions options, Consumer<LogFrame> sink) {
        return streams.logs(container, options, sink);
    }

    @Override
    public ExecResult exec(String container, ExecSpec spec) throws InterruptedException {
        return streams.exec(container, spec);
    }

    /** GET /containers/{id}/top with the daemon's default `ps -ef`, as compose calls it. */
    @Override
    public ProcessList top(String container) {
        JsonNode top = connection.get(containerPath(container) + "/top", null);
        List<List<String>> rows = new ArrayList<>();
        top.path("Processes").forEach(row -> {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.asText()));
            rows.add(cells);
        });
        return new ProcessList(Json.strings(top, "Titles"), rows);
    }

    /** GET /containers/{id}/stats, not streamed; one-shot unless the CPU deltas are wanted (then ~1 s). */
    @Override
    public dev.jcompose.engine.ResourceUsage stats(String container, boolean withPrevious) {
        return StatsJson.usage(connection.get(containerPath(container) + "/stats",
                Map.of("stream", "false", "one-shot", Boolean.toString(!withPrevious))));
    }

    private static String containerPath(String container) {
        return "/containers/" + segment(container);
    }

    // --- networks ---

    @Override
    public List<NetworkInfo> listNetworks(List<String> labelFilters) {
        List<NetworkInfo> out = new ArrayList<>();
        connection.get("/networks", query("filters", labelFilters(labelFilters)))
                .forEach(n -> out.add(ObjectJson.network(n)));
        return out;
    }

    @Override
    public NetworkInfo inspectNetwork(String network) {
        return ObjectJson.network(connection.get("/networks/" + segment(network), null));
    }

    @Override
    public String createNetwork(NetworkSpec spec) {
        return Json.text(connection.post("/networks/create", null, RequestBodies.createNetwork(spec)), "Id");
    }

    @Override
    public void connectNetwork(String container, EndpointSpec endpoint) {
        connection.post("/networks/" + segment(endpoint.network()) + "/connect", null,
                RequestBodies.connect(container, endpoint));
    }

    @Override
    public void disconnectNetwork(String network, String container, boolean force) {
        ObjectNode body = Json.object().put("Container", container).put("Force", force);
        connection.post("/networks/" + segment(network) + "/disconnect", null, body);
    }

    @Override
    public void removeNetwork(String network) {
        connection.delete("/networks/" + segment(network), null);
    }

    // --- volumes ---

    @Override
    public List<VolumeInfo> listVolumes(List<String> labelFilters) {
        List<VolumeInfo> out = new ArrayList<>();
        connection.get("/volumes", query("filters", labelFilters(labelFilters))).path("Volumes")
                .forEach(v -> out.add(ObjectJson.volume(v)));
        return out;
    }

    @Override
    public VolumeInfo inspectVolume(String name) {
        return ObjectJson.volume(connection.get("/volumes/" + segment(name), null));
    }

    @Override
    public VolumeInfo createVolume(VolumeSpec spec) {
        return ObjectJson.volume(connection.post("/volumes/create", null, RequestBodies.createVolume(spec)));
    }

    @Override
    public void removeVolume(String name, boolean force) {
        connection.delete("/volumes/" + segment(name), query("force", Boolean.toString(force)));
    }

    // --- images ---

    @Override
    public List<ImageSummary> listImages(String referenceFilter) {
        String filters = null;
        if (referenceFilter != null && !referenceFilter.isEmpty()) {
            ObjectNode node = Json.object();
            node.putArray("reference").add(referenceFilter);
            filters = Json.write(node);
        }
        List<ImageSummary> out = new ArrayList<>();
        connection.get("/images/json", query("filters", filters)).forEach(i -> out.add(ObjectJson.imageSummary(i)));
        return out;
    }

    /** Image names keep their slashes in the path: the API routes /images/{name:.*}/json. */
    @Override
    public ImageInfo inspectImage(String image) {
        return ObjectJson.image(connection.get("/images/" + image + "/json", null));
    }

    @Override
    public void removeImage(String image, boolean force) {
        connection.delete("/images/" + image, query("force", Boolean.toString(force)));
    }

    @Override
    public void tagImage(String source, String target) {
        String[] repoTag = ImageRefs.splitTag(target);
        connection.post("/images/" + source + "/tag",
                query("repo", repoTag[0], "tag", repoTag[1] == null ? "latest" : repoTag[1]), null);
    }

    @Override
    public void pullImage(String reference, Consumer<String> progress) {
        try {
            streams.pull(reference, progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED,
                    "pull of " + reference + " interrupted");
        }
    }

    @Override
    public void pushImage(String reference, Consumer<String> progress) {
        inspectImage(reference); // NOT_FOUND for a reference that is not here, before any registry traffic
        try {
            streams.push(reference, progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "push of " + reference + " interrupted");
        }
    }

    /** The answer is a JSON message stream; a failed load reports {"error": ...} inside a 200 response. */
    @Override
    public void loadImage(InputStream archive) {
        String answer = connection.postStream("/images/load", query("quiet", "1"), archive, "application/x-tar");
        for (String line : answer.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode message = Json.parse(line);
            String error = Json.text(message, "error");
            if (!error.isEmpty()) {
                throw EngineErrors.failure(error);
            }
        }
    }

    /** The daemon's aux ID is the full id; an engine that sends only "Successfully built" is asked by tag. */
    @Override
    public String buildImage(BuildSpec spec, Consumer<String> progress) {
        String id = build.build(spec, progress);
        return inspectImage(id != null && id.startsWith("sha256:") ? id : spec.primaryTag()).id();
    }

    // --- interactive streams and archives ---

    @Override
    public Subscription attach(String container, boolean tty, Stdio stdio) {
        return interactive.attach(container, tty, stdio);
    }

    @Override
    public void resizeTty(String container, int rows, int columns) {
        interactive.resizeTty(container, rows, columns);
    }

    @Override
    public int execInteractive(String container, ExecSpec spec, Stdio stdio) throws InterruptedException {
        return interactive.execInteractive(container, spec, stdio);
    }

    @Override
    public void execDetached(String container, ExecSpec spec) {
        interactive.execDetached(container, spec);
    }

    @Override
    public Optional<PathStat> statPath(String container, String path) {
        return archives.stat(container, path);
    }

    @Override
    public InputStream copyFrom(String container, String path) {
        return archives.copyFrom(container, path);
    }

    @Override
    public void copyTo(String container, String path, InputStream tar, boolean copyOwnership) {
        archives.copyTo(container, path, tar, copyOwnership);
    }

    // --- events ---

    @Override
    public Subscription events(EventFilter filter, Consumer<EngineEvent> sink) {
        return streams.events(filter, sink);
    }

    @Override
    public void close() {
        connection.close();
    }
}
