package dev.jcompose.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.DockerException;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.wire.Json;
import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Maps Docker API failures to ComposeException kinds, keeping dockerd's own message. */
final class DockerErrors {
    static final int NOT_MODIFIED = 304;

    private DockerErrors() {
    }

    /** A non-2xx response: status and body (Docker sends {"message": "..."}). */
    static ComposeException fromResponse(int status, String body) {
        return fromStatus(status, messageOf(body));
    }

    static ComposeException fromStatus(int status, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (status == 404) {
            return EngineErrors.notFound(message);
        }
        // 403 is how dockerd refuses to remove a network that still has endpoints: a state conflict.
        if (status == 409 || status == 403 || lower.contains("port is already allocated")
                || lower.contains("address already in use")) {
            return EngineErrors.conflict(message);
        }
        return EngineErrors.failure(message);
    }

    /** Anything docker-java threw: a DockerException carries the status, the rest is transport trouble. */
    static ComposeException fromClient(RuntimeException e, URI host) {
        if (e instanceof ComposeException ce) {
            return ce;
        }
        if (e instanceof DockerException de) {
            return fromStatus(de.getHttpStatus(), messageOf(de.getMessage()));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return fromIo(io, host);
            }
        }
        return EngineErrors.failure("error talking to the Docker daemon at " + host + ": " + e.getMessage(), e);
    }

    static ComposeException fromIo(IOException e, URI host) {
        String message = String.valueOf(e.getMessage());
        boolean refused = e instanceof ConnectException || e instanceof NoSuchFileException
                || (e instanceof SocketException && (message.contains("onnect") || message.contains("No such file")));
        if (refused) {
            return EngineErrors.failure("Cannot connect to the Docker daemon at " + host
                    + ". Is the docker daemon running?", e);
        }
        return EngineErrors.failure("error during connect to " + host + ": " + e, e);
    }

    /**
     * The "message" of a Docker error body. docker-java puts the body after "Status NNN: ", so the JSON is
     * found by its first brace; anything unparsable is returned trimmed, as is.
     */
    static String messageOf(String text) {
        if (text == null) {
            return "unknown engine error";
        }
        int brace = text.indexOf('{');
        if (brace >= 0) {
            try {
                JsonNode node = Json.parse(text.substring(brace));
                String message = Json.text(node, "message");
                if (!message.isEmpty()) {
                    return message;
                }
            } catch (RuntimeException notJson) {
                // fall through: plain text
            }
        }
        return text.strip();
    }
}
