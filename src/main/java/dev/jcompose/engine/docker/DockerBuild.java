package dev.jcompose.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.engine.BuildFailedException;
import dev.jcompose.engine.BuildSpec;
import dev.jcompose.engine.wire.Json;
import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code POST /build} with the classic builder: the query docker's client sends (tags and extra hosts repeated,
 * args, labels and cache sources as JSON), the context tar as body, and the answer's JSON message stream turned
 * into output lines, the image id ({@code aux.ID}) and, on failure, a BuildFailedException with the daemon's
 * message and code. forcerm=1: a failed step's container is removed too, so a failing build leaves no container.
 */
final class DockerBuild {
    private final DockerConnection connection;

    DockerBuild(DockerConnection connection) {
        this.connection = connection;
    }

    String build(BuildSpec spec, Consumer<String> progress) {
        Output output = new Output(progress);
        try (InputStream context = Files.newInputStream(spec.context())) {
            connection.postStreaming("/build" + query(spec), context, "application/x-tar", output::read);
        } catch (BuildFailedException e) {
            throw e;
        } catch (ComposeException e) {
            // Errors before any output (a Dockerfile parse error) come back as an HTTP error, not in the stream.
            throw new BuildFailedException(e.getMessage(), 1, e);
        } catch (IOException e) {
            throw new ComposeException(ComposeException.Kind.ENGINE, "cannot read the build context "
                    + spec.context() + ": " + e.getMessage(), e);
        }
        return output.imageId();
    }

    static String query(BuildSpec spec) {
        List<String> params = new ArrayList<>();
        spec.tags().forEach(t -> add(params, "t", t));
        add(params, "dockerfile", spec.dockerfile());
        spec.extraHosts().forEach(h -> add(params, "extrahosts", h));
        add(params, "rm", "1");
        add(params, "forcerm", "1");
        if (spec.noCache()) {
            add(params, "nocache", "1");
        }
        if (spec.pull()) {
            add(params, "pull", "1");
        }
        if (spec.target() != null && !spec.target().isEmpty()) {
            add(params, "target", spec.target());
        }
        if (spec.network() != null && !spec.network().isEmpty()) {
            add(params, "networkmode", spec.network());
        }
        if (spec.shmSize() != null && spec.shmSize() > 0) {
            add(params, "shmsize", Long.toString(spec.shmSize()));
        }
        ObjectNode args = Json.object();
        spec.args().forEach(args::put);
        add(params, "buildargs", Json.write(args));
        ObjectNode labels = Json.object();
        spec.labels().forEach(labels::put);
        add(params, "labels", Json.write(labels));
        if (!spec.cacheFrom().isEmpty()) {
            ArrayNode cacheFrom = Json.array();
            spec.cacheFrom().forEach(cacheFrom::add);
            add(params, "cachefrom", Json.write(cacheFrom));
        }
        add(params, "version", "1");
        return "?" + String.join("&", params);
    }

    private static void add(List<String> params, String key, String value) {
        params.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Reassembles "stream" fragments into lines and picks the image id and errors out of the messages. */
    static final class Output {
        private final Consumer<String> progress;
        private final StringBuilder pending = new StringBuilder();
        private String imageId;
        private String builtShortId;

        Output(Consumer<String> progress) {
            this.progress = progress;
        }

        String imageId() {
            return imageId != null ? imageId : builtShortId;
        }

        void read(InputStream body) throws IOException {
            try (MappingIterator<JsonNode> messages = Json.mapper().readerFor(JsonNode.class).readValues(body)) {
                while (messages.hasNextValue()) {
                    accept(messages.nextValue());
                }
            }
            flush();
            if (imageId == null) {
                imageId = builtShortId;
            }
        }

        void accept(JsonNode message) {
            if (message.hasNonNull("errorDetail") || message.hasNonNull("error")) {
                flush();
                JsonNode detail = message.path("errorDetail");
                String text = Json.text(detail, "message");
                throw new BuildFailedException(text.isEmpty() ? Json.text(message, "error") : text,
                        (int) Json.number(detail, "code"));
            }
            String id = Json.text(message.path("aux"), "ID");
            if (!id.isEmpty()) {
                imageId = id;
            }
            if (message.hasNonNull("stream")) {
                text(message.get("stream").asText());
            } else if (message.hasNonNull("status")) {
                String prefix = Json.text(message, "id");
                line((prefix.isEmpty() ? "" : prefix + ": ") + Json.text(message, "status"));
            }
        }

        private void text(String chunk) {
            for (int i = 0; i < chunk.length(); i++) {
                char c = chunk.charAt(i);
                if (c == '\n') {
                    flush();
                } else if (c != '\r') {
                    pending.append(c);
                }
            }
        }

        private void flush() {
            if (!pending.isEmpty()) {
                line(pending.toString());
                pending.setLength(0);
            }
        }

        private void line(String line) {
            if (line.startsWith("Successfully built ")) {
                builtShortId = line.substring("Successfully built ".length()).strip();
            }
            if (!line.isBlank()) {
                progress.accept(line);
            }
        }
    }
}
