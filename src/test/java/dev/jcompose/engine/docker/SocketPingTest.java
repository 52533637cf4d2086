package dev.jcompose.engine.docker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK-only /_ping that `--engine auto` uses, against tiny servers on a unix socket. */
class SocketPingTest {
    @TempDir
    Path dir;

    /** Serves one connection: reads the request, then answers {@code reply} (null: never answers). */
    private Thread serve(Path socket, String reply) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return Thread.ofVirtual().start(() -> {
            try (server; SocketChannel c = server.accept()) {
                c.read(ByteBuffer.allocate(256));
                if (reply == null) {
                    Thread.sleep(5_000);
                    return;
                }
                c.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception e) {
                // the test is over
            }
        });
    }

    @Test
    void anEngineThatAnswersOkIsReachable() throws Exception {
        Path socket = dir.resolve("ok.sock");
        serve(socket, "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK");
        assertTrue(SocketPing.ok(socket, Duration.ofSeconds(2)));
    }

    @Test
    void anErrorStatusASilentServerAndNoSocketAreNot() throws Exception {
        Path failing = dir.resolve("500.sock");
        serve(failing, "HTTP/1.1 500 Internal Server Error\r\n\r\n");
        assertFalse(SocketPing.ok(failing, Duration.ofSeconds(2)));
        Path silent = dir.resolve("silent.sock");
        serve(silent, null);
        long start = System.nanoTime();
        assertFalse(SocketPing.ok(silent, Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "the timeout bounds the wait");
        assertFalse(SocketPing.ok(dir.resolve("absent.sock"), Duration.ofSeconds(1)));
    }
}
