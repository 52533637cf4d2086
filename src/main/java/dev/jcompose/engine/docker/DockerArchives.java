package dev.jcompose.engine.docker;

import static dev.jcompose.engine.docker.DockerConnection.query;
import static dev.jcompose.engine.docker.DockerConnection.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.PathStat;
import dev.jcompose.engine.wire.Json;
import dev.jcompose.error.ComposeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/** The container archive endpoints: GET (tar + stat header) and PUT /containers/{id}/archive. */
final class DockerArchives {
    static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

    private final DockerConnection connection;

    DockerArchives(DockerConnection connection) {
        this.connection = connection;
    }

    /**
     * The API's HEAD answers only the stat header, but docker-java's transport has no HEAD: a GET whose body is
     * dropped unread gives the same header (the connection is closed, not drained).
     */
    Optional<PathStat> stat(String container, String path) {
        try (Response response = connection.open(Request.Method.GET, archivePath(container),
                query("path", path), null, null)) {
            return Optional.of(parseStat(response.getHeader(STAT_HEADER)));
        } catch (ComposeException e) {
            // 404 is both "no such container" and "no such path"; only the second is an answer.
            if (EngineErrors.isNotFound(e) && !e.getMessage().contains("No such container")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    InputStream copyFrom(String container, String path) {
        Response response = connection.open(Request.Method.GET, archivePath(container), query("path", path), null,
                null);
        InputStream body = response.getBody();
        return new FilterInputStream(body) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    response.close();
                }
            }
        };
    }

    void copyTo(String container, String path, InputStream tar, boolean copyOwnership) {
        try (Response response = connection.open(Request.Method.PUT, archivePath(container),
                query("path", path, "noOverwriteDirNonDir", "true", "copyUIDGID", Boolean.toString(copyOwnership)),
                tar, "application/x-tar")) {
            response.getStatusCode();
        }
    }

    private static String archivePath(String container) {
        return "/containers/" + segment(container) + "/archive";
    }

    /** The header is base64 JSON: {"name","size","mode" (Go FileMode),"mtime" (RFC 3339),"linkTarget"}. */
    static PathStat parseStat(String header) {
        if (header == null || header.isEmpty()) {
            throw EngineErrors.failure("the engine sent no " + STAT_HEADER + " header");
        }
        JsonNode json = Json.parse(new String(Base64.getDecoder().decode(header.trim()), StandardCharsets.UTF_8));
        Instant mtime = null;
        String text = Json.text(json, "mtime");
        if (!text.isEmpty()) {
            try {
                mtime = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException ignored) {
                // an unparsable time is not worth failing a copy for
            }
        }
        return new PathStat(Json.text(json, "name"), Json.number(json, "size"), Json.number(json, "mode"), mtime,
                Json.text(json, "linkTarget"));
    }
}
