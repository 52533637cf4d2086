package dev.jcompose.runtime.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** What a handler answers: a body at once, a stream written over time, or a hijacked raw connection. */
public sealed interface ApiResponse {
    int status();

    /** A complete body. */
    record Full(int status, String contentType, byte[] body) implements ApiResponse {
    }

    /**
     * A chunked stream (logs --follow, events, load/pull progress). The writer runs on its own virtual thread and
     * writes to an OutputStream that flushes each write as a chunk; it returns when done or when the client went
     * away (writes then throw IOException).
     */
    record Streamed(int status, String contentType, StreamWriter writer) implements ApiResponse {
    }

    /**
     * HTTP upgrade to a raw bidirectional stream (attach, exec start): 101 then the connection belongs to the
     * session, which gets the client's bytes as an InputStream and writes output to an OutputStream.
     */
    record Hijacked(String contentType, HijackSession session) implements ApiResponse {
        @Override
        public int status() {
            return 101;
        }
    }

    /**
     * Implemented by the stream a {@link StreamWriter} gets: whether the client is still connected, for work
     * that writes rarely (a silent build step) and must stop when nobody listens any more.
     */
    interface ClientAware {
        boolean clientConnected();
    }

    /** Another response with extra headers (X-Docker-Container-Path-Stat of the archive endpoints). */
    record WithHeaders(ApiResponse response, java.util.Map<String, String> headers) implements ApiResponse {
        @Override
        public int status() {
            return response.status();
        }
    }

    @FunctionalInterface
    interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    @FunctionalInterface
    interface HijackSession {
        void run(InputStream fromClient, OutputStream toClient) throws IOException;
    }

    static ApiResponse json(int status, Object value) {
        return new Full(status, "application/json", Json.bytes(value));
    }

    static ApiResponse json(Object value) {
        return json(200, value);
    }

    static ApiResponse noContent() {
        return new Full(204, null, new byte[0]);
    }

    static ApiResponse text(int status, String body) {
        return new Full(status, "text/plain; charset=utf-8", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
