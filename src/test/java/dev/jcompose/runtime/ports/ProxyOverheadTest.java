package dev.jcompose.runtime.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the userland proxy adds per request, direct vs proxied, on 127.0.0.1 (reported in docs/runtime-network.md). */
class ProxyOverheadTest {
    private static double keepAliveMicros(int port, int rounds) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] msg = new byte[64];
            long start = 0;
            for (int i = 0; i < rounds + 200; i++) {
                if (i == 200) {
                    start = System.nanoTime(); // after warm-up
                }
                out.write(msg);
                assertEquals(64, in.readNBytes(new byte[64], 0, 64));
            }
            return (System.nanoTime() - start) / 1000.0 / rounds;
        }
    }

    private static double newConnectionMicros(int port, int rounds) throws IOException {
        long start = 0;
        for (int i = 0; i < rounds + 50; i++) {
            if (i == 50) {
                start = System.nanoTime();
            }
            assertEquals("ping", PortPublisherTest.tcpRoundTrip(port, "ping"));
        }
        return (System.nanoTime() - start) / 1000.0 / rounds;
    }

    @Test
    void proxyOverheadPerRequest() throws IOException {
        try (ServerSocket echo = EchoServers.tcp(); PortPublisher publisher = new PortPublisher()) {
            int proxied = publisher.publish("c", "127.0.0.1", List.of(PortRequest.tcp("127.0.0.1", 0, echo.getLocalPort())))
                    .get(0).hostPort();
            double direct = keepAliveMicros(echo.getLocalPort(), 2000);
            double viaProxy = keepAliveMicros(proxied, 2000);
            double directConn = newConnectionMicros(echo.getLocalPort(), 300);
            double proxyConn = newConnectionMicros(proxied, 300);
            System.out.printf("MEASURED proxy: keep-alive round trip %.0f us direct, %.0f us proxied; "
                    + "new connection + round trip %.0f us direct, %.0f us proxied%n", direct, viaProxy, directConn, proxyConn);
            assertTrue(viaProxy - direct < 5_000, "the proxy adds well under 5 ms per request");
        }
    }
}
