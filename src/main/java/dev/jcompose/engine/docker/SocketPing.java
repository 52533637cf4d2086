package dev.jcompose.engine.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * `GET /_ping` on a unix socket with the JDK alone. `--engine auto` asks this on every command; building a
 * docker-java client for the question (two Apache HTTP clients, a public-suffix list for cookies) cost ~35 ms
 * of CPU per command, more than the answer itself. The real client is built once the engine is chosen.
 */
final class SocketPing {
    private SocketPing() {
    }

    /** True when the socket answers /_ping with a 200 within the timeout. */
    static boolean ok(Path socket, Duration timeout) {
        // A daemon thread, so a wedged engine never holds the JVM open at exit.
        var pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jcompose-ping");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Boolean> answer = pool.submit(() -> ask(socket));
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean ask(Path socket) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer in = ByteBuffer.allocate(64);
            while (in.hasRemaining() && ch.read(in) >= 0) {
                if (statusLine(in) != null) {
                    break;
                }
            }
            String status = statusLine(in);
            return status != null && status.matches("HTTP/1\\.[01] 200( .*)?");
        }
    }

    private static String statusLine(ByteBuffer in) {
        String text = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
        int end = text.indexOf("\r\n");
        return end < 0 ? null : text.substring(0, end);
    }
}
