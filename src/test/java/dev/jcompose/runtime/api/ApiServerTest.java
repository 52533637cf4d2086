package dev.jcompose.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP layer over a unix socket: versioned paths, errors, bodies, streams and hijack, with a raw client. */
class ApiServerTest {
    @TempDir
    Path dir;
    ApiServer server;

    @BeforeEach
    void start() throws IOException {
        Router r = new Router();
        new SystemRoutes("0.1.0-test", "/var/lib/jcompose", () -> new SystemRoutes.Counts(0, 0, 0, 0, 0)).register(r);
        r.get("/containers/{id}/json", req -> {
            throw RuntimeError.notFound("No such container: " + req.param("id"));
        });
        r.post("/echo", req -> new ApiResponse.Full(200, "application/octet-stream", req.body().readAllBytes()));
        r.get("/stream", req -> new ApiResponse.Streamed(200, "text/plain", out -> {
            for (int i = 0; i < 3; i++) {
                out.write(("line" + i + "\n").getBytes());
            }
        }));
        r.post("/hijack", req -> new ApiResponse.Hijacked("application/vnd.docker.raw-stream", (in, out) -> {
            byte[] buf = new byte[5];
            int n = in.readNBytes(buf, 0, 5);
            out.write(("got:" + new String(buf, 0, n)).getBytes());
        }));
        r.post("/containers/{id}/attach", req -> new ApiResponse.Hijacked("application/vnd.docker.raw-stream",
                (in, out) -> out.write(("got:" + new String(in.readAllBytes(), StandardCharsets.ISO_8859_1) + "|eof")
                        .getBytes(StandardCharsets.ISO_8859_1))));
        r.get("/images/{name*}/json", req -> ApiResponse.json(Map.of("name", req.param("name"))));
        server = ApiServer.start(dir.resolve("api.sock"), r, dir.resolve("spool"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String exchange(String raw) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(server.socket()));
            OutputStream out = Channels.newOutputStream(ch);
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = Channels.newInputStream(ch);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void pingAnswersWithApiVersionHeader() throws IOException {
        String r = exchange("GET /_ping HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200"), r);
        assertTrue(r.contains("Api-Version: 1.41"), r);
        assertTrue(r.endsWith("OK"), r);
    }

    @Test
    void versionPrefixIsStrippedAndErrorsAreDockerShaped() throws IOException {
        String r = exchange("GET /v1.41/containers/abc/json HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 404"), r);
        assertTrue(r.endsWith("{\"message\":\"No such container: abc\"}"), r);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws IOException {
        assertTrue(exchange("GET /nope HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 404"));
        assertTrue(exchange("DELETE /_ping HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n")
                .startsWith("HTTP/1.1 405"));
    }

    @Test
    void largeBodiesAreSpooledAndEchoed() throws IOException {
        String body = "x".repeat(3 * 1024 * 1024);
        String r = exchange("POST /echo HTTP/1.1\r\nHost: d\r\nConnection: close\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body);
        assertTrue(r.startsWith("HTTP/1.1 200"), r.substring(0, 40));
        assertTrue(r.endsWith(body));
    }

    @Test
    void streamsAreChunked() throws IOException {
        String r = exchange("GET /stream HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n");
        assertTrue(r.contains("transfer-encoding: chunked"), r);
        assertTrue(r.contains("line0\n") && r.contains("line2\n"), r);
        assertTrue(r.endsWith("0\r\n\r\n"), r);
    }

    @Test
    void hijackUpgradesToRawStream() throws IOException {
        String r = exchange("POST /hijack HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                + "Content-Length: 0\r\n\r\nhello");
        assertTrue(r.startsWith("HTTP/1.1 101 UPGRADED"), r);
        assertTrue(r.endsWith("got:hello"), r);
    }

    /**
     * docker run -i with piped stdin: the request, the client's stdin and its half-close may arrive together, before
     * the session runs; the session must still get every byte (none parsed as a next request) and then the end.
     */
    @Test
    void stdinSentWithTheRequestAndHalfCloseReachTheSession() throws IOException {
        for (String path : List.of("/v1.41/containers/c1/attach?stdin=1&stream=1", "/containers/c1/attach")) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(server.socket()));
                String raw = "POST " + path + " HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                        + "Content-Length: 0\r\n\r\nhi\nGET / HTTP/1.1\r\n\r\nabc";
                ch.write(java.nio.ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)));
                ch.shutdownOutput();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                Channels.newInputStream(ch).transferTo(got);
                String r = got.toString(StandardCharsets.ISO_8859_1);
                assertTrue(r.startsWith("HTTP/1.1 101 UPGRADED"), r);
                assertTrue(r.endsWith("got:hi\nGET / HTTP/1.1\r\n\r\nabc|eof"), r);
            }
        }
    }

    @Test
    void restParametersMatchSlashes() throws IOException {
        String r = exchange("GET /v1.41/images/jcompose/busybox:latest/json HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n");
        assertTrue(r.endsWith("{\"name\":\"jcompose/busybox:latest\"}"), r);
    }

    @Test
    void keepAliveServesSeveralRequests() throws IOException {
        String r = exchange("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\nGET /_ping HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n");
        assertEquals(2, r.split("HTTP/1.1 200", -1).length - 1, r);
    }
}
