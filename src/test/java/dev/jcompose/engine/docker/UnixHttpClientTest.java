package dev.jcompose.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK-only HTTP client of short engine calls, against a scripted server on a unix socket. */
class UnixHttpClientTest {
    @TempDir
    Path dir;

    private ServerSocketChannel server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Serves every connection on its own thread: reads requests (head + Content-Length body) and writes what
     * {@code answer} gives for each (null: close the connection without answering).
     */
    private Path serve(Function<String, String> answer) throws IOException {
        Path socket = dir.resolve("engine.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel c = server.accept();
                    connections.incrementAndGet();
                    Thread.ofPlatform().daemon().start(() -> handle(c, answer));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return socket;
    }

    private void handle(SocketChannel c, Function<String, String> answer) {
        try (c) {
            while (true) {
                String request = readRequest(c);
                if (request == null) {
                    return;
                }
                requests.add(request);
                String reply = answer.apply(request);
                if (reply == null) {
                    return;
                }
                c.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
                if (reply.contains("Connection: close") || reply.startsWith("HTTP/1.0")) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String readRequest(SocketChannel c) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!seen.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
            one.clear();
            if (c.read(one) < 0) {
                return null;
            }
            seen.write(one.array(), 0, 1);
        }
        String head = seen.toString(StandardCharsets.UTF_8);
        int at = head.indexOf("Content-Length: ");
        int length = at < 0 ? 0 : Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)));
        ByteBuffer body = ByteBuffer.allocate(length);
        while (body.hasRemaining() && c.read(body) >= 0) {
            continue;
        }
        return head + new String(body.array(), StandardCharsets.UTF_8);
    }

    private static String text(Response r) throws IOException {
        return new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Request get(String path) {
        return Request.builder().method(Request.Method.GET).path(path).build();
    }

    @Test
    void contentLengthAndChunkedAnswersOnOneKeptAliveConnection() throws Exception {
        Path socket = serve(r -> r.startsWith("GET /v1.41/a ")
                ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"a\":\"é\"}"
                : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n[1,2\r\n2\r\n,3\r\n1\r\n]\r\n0\r\n\r\n");
        try (UnixHttpClient http = new UnixHttpClient(socket, 4, Duration.ofSeconds(5))) {
            Response a = http.execute(get("/v1.41/a"));
            assertEquals(200, a.getStatusCode());
            assertEquals("{\"a\":\"é\"}", text(a));
            assertEquals("application/json", a.getHeader("content-type"));
            assertEquals("[1,2,3]", text(http.execute(get("/v1.41/b"))));
            assertEquals("{\"a\":\"é\"}", text(http.execute(get("/v1.41/a"))));
        }
        assertEquals(1, connections.get(), "keep-alive: one connection for three calls");
        assertTrue(requests.get(0).startsWith("GET /v1.41/a HTTP/1.1\r\nHost: "), requests.get(0));
    }

    @Test
    void postSendsItsBodyAndHeadersAndErrorStatusesComeBackAsAnswers() throws Exception {
        Path socket = serve(r -> r.startsWith("POST")
                ? "HTTP/1.1 409 Conflict\r\nContent-Length: 21\r\n\r\n{\"message\":\"in use\"}\n"
                : "HTTP/1.1 204 No Content\r\n\r\n");
        try (UnixHttpClient http = new UnixHttpClient(socket, 4, Duration.ofSeconds(5))) {
            Response r = http.execute(Request.builder().method(Request.Method.POST).path("/v1.41/containers/create")
                    .putHeader("Content-Type", "application/json").bodyBytes("{\"Image\":\"x\"}".getBytes()).build());
            assertEquals(409, r.getStatusCode());
            assertEquals("{\"message\":\"in use\"}\n", text(r));
            Response empty = http.execute(Request.builder().method(Request.Method.DELETE).path("/v1.41/x").build());
            assertEquals(204, empty.getStatusCode());
            assertEquals("", text(empty));
        }
        String post = requests.get(0);
        assertTrue(post.contains("Content-Type: application/json\r\n"), post);
        assertTrue(post.contains("Content-Length: 13\r\n\r\n{\"Image\":\"x\"}"), post);
        assertTrue(requests.get(1).contains("Content-Length: 0\r\n"), requests.get(1));
    }

    @Test
    void aConnectionTheEngineClosedIsReplacedAndAGetIsSentAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        // First answer says close; the second call's first connection dies unanswered once it is reused.
        Path socket = serve(r -> switch (calls.incrementAndGet()) {
            case 1 -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
            case 2 -> null;
            default -> "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain";
        });
        try (UnixHttpClient http = new UnixHttpClient(socket, 4, Duration.ofSeconds(5))) {
            assertEquals("ok", text(http.execute(get("/v1.41/one"))));
            assertEquals("again", text(http.execute(get("/v1.41/two"))));
        }
        assertEquals(2, connections.get());
        assertEquals(3, requests.size());
    }

    @Test
    void anAnswerWithoutLengthEndsAtEofAndClosesTheConnection() throws Exception {
        Path socket = serve(r -> "HTTP/1.0 200 OK\r\n\r\nplain text to the end");
        try (UnixHttpClient http = new UnixHttpClient(socket, 4, Duration.ofSeconds(5))) {
            assertEquals("plain text to the end", text(http.execute(get("/v1.41/_ping"))));
        }
    }

    @Test
    void aSilentEngineTimesOutAndAMissingSocketIsAnIoError() throws Exception {
        Path socket = serve(r -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        try (UnixHttpClient http = new UnixHttpClient(socket, 4, Duration.ofMillis(200))) {
            long start = System.nanoTime();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> http.execute(get("/v1.41/x")));
            assertInstanceOf(SocketTimeoutException.class, e.getCause());
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "the response timeout bounds the wait");
        }
        try (UnixHttpClient http = new UnixHttpClient(dir.resolve("absent.sock"), 4, Duration.ofSeconds(1))) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> http.execute(get("/v1.41/x")));
            assertTrue(DockerErrors.fromIo(e.getCause(), java.net.URI.create("unix:///absent.sock")).getMessage()
                    .startsWith("Cannot connect to the Docker daemon at unix:///absent.sock"), e.getMessage());
        }
    }
}
