package dev.jcompose.engine.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * HTTP/1.1 request/response calls to an engine on a unix socket, with the JDK alone: the short calls of every
 * command (list, inspect, create, start...). Apache's client, which docker-java builds, cost ~20 ms of CPU per
 * command before the first byte was sent (its cookie support parses the public-suffix list and initialises the
 * JDK's calendar and locale data) and a long interpreted call chain per request; a no-op `up` makes ~15 calls.
 *
 * <p>Answers are read whole (these calls answer small JSON documents), so a connection goes back to the idle set
 * as soon as its answer is read; idle connections the engine closed are dropped before reuse. Each answer must
 * arrive within the response timeout (a hung engine fails the command rather than hanging it).
 */
final class UnixHttpClient implements DockerHttpClient {
    private final Path socket;
    private final Duration responseTimeout;
    private final Semaphore slots;
    private final Deque<HttpConnection> idle = new ArrayDeque<>();
    private boolean closed;

    UnixHttpClient(Path socket, int maxConnections, Duration responseTimeout) {
        this.socket = socket;
        this.responseTimeout = responseTimeout;
        this.slots = new Semaphore(Math.max(1, maxConnections));
    }

    @Override
    public Response execute(Request request) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted waiting for a connection"));
        }
        try {
            String method = request.method();
            boolean retryable = method.equals("GET") || method.equals("HEAD") || method.equals("DELETE");
            return exchange(head(request), body(request), retryable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            slots.release();
        }
    }

    private Response exchange(byte[] head, byte[] body, boolean retryable) throws IOException {
        HttpConnection reused = takeIdle();
        if (reused != null) {
            try {
                return send(reused, head, body, retryable);
            } catch (HttpConnection.NothingReceived e) {
                // The engine closed the idle connection before the request reached it (or, for a GET or
                // DELETE, before answering): sending it again on a fresh connection cannot run it twice.
                reused.close();
            } catch (IOException | RuntimeException e) {
                reused.close();
                throw e;
            }
        }
        HttpConnection fresh = new HttpConnection(connect(), responseTimeout);
        try {
            return send(fresh, head, body, false);
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    private Response send(HttpConnection connection, byte[] head, byte[] body, boolean retryable)
            throws IOException {
        HttpConnection.Answer answer = connection.exchange(head, body, retryable);
        if (answer.reusable()) {
            giveBack(connection);
        } else {
            connection.close();
        }
        return new Answered(answer);
    }

    private SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private HttpConnection takeIdle() {
        while (true) {
            HttpConnection c;
            synchronized (idle) {
                c = idle.pollFirst();
            }
            if (c == null) {
                return null;
            }
            if (c.stillOpen()) {
                return c;
            }
            c.close();
        }
    }

    private void giveBack(HttpConnection c) {
        synchronized (idle) {
            if (!closed) {
                idle.addFirst(c);
                return;
            }
        }
        c.close();
    }

    private static byte[] head(Request request) {
        StringBuilder head = new StringBuilder(256);
        head.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
                .append("Host: docker\r\nUser-Agent: jcompose\r\n");
        request.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] body(Request request) throws IOException {
        if (request.bodyBytes() != null) {
            return request.bodyBytes();
        }
        InputStream in = request.body();
        if (in != null) {
            try (in) {
                return in.readAllBytes();
            }
        }
        return null;
    }

    @Override
    public void close() {
        List<HttpConnection> open;
        synchronized (idle) {
            closed = true;
            open = List.copyOf(idle);
            idle.clear();
        }
        open.forEach(HttpConnection::close);
    }

    /** An answer read whole: the connection is already free. */
    private record Answered(HttpConnection.Answer answer) implements Response {
        @Override
        public int getStatusCode() {
            return answer.status();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return answer.headers();
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(answer.body());
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
