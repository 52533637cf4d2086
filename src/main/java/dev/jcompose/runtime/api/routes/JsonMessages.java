package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docker's JSON message stream (pkg/jsonmessage), one object per line ended by CRLF as dockerd writes them:
 * {@code {"status":..,"id":..}} for progress, {@code {"stream":..}} for text, and an error inside a 200
 * response as {@code {"errorDetail":{"message":..},"error":..}}, which clients print and turn into a failure.
 */
final class JsonMessages {
    static final String CONTENT_TYPE = "application/json";
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    JsonMessages(OutputStream out) {
        this.out = out;
    }

    /** Collects messages into memory, for answers computed before anything is sent. */
    static JsonMessages buffer() {
        return new JsonMessages(new ByteArrayOutputStream());
    }

    byte[] bytes() {
        return ((ByteArrayOutputStream) out).toByteArray();
    }

    JsonMessages status(String status) {
        return write(Map.of("status", status));
    }

    JsonMessages status(String id, String status) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("status", status);
        message.put("id", id);
        return write(message);
    }

    JsonMessages stream(String text) {
        return write(Map.of("stream", text));
    }

    JsonMessages error(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorDetail", Map.of("message", message));
        body.put("error", message);
        return write(body);
    }

    /** {@code {"aux":{"ID":..}}}: the built image's id, which clients read from the stream. */
    JsonMessages auxId(String id) {
        return write(Map.of("aux", Map.of("ID", id)));
    }

    /** An error with dockerd's {@code errorDetail.code} (a failing RUN's exit code, which the CLI exits with). */
    JsonMessages error(String message, int code) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", code);
        detail.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorDetail", detail);
        body.put("error", message);
        return write(body);
    }

    private JsonMessages write(Map<String, Object> message) {
        try {
            byte[] json = Json.bytes(message);
            byte[] line = java.util.Arrays.copyOf(json, json.length + CRLF.length);
            System.arraycopy(CRLF, 0, line, json.length, CRLF.length);
            out.write(line); // one write, one HTTP chunk
            return this;
        } catch (IOException e) {
            // The client went away: the streaming writer stops at the next write.
            throw new UncheckedIOException(e);
        }
    }
}
