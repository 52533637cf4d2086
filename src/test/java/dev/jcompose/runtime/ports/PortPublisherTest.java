package dev.jcompose.runtime.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The userland proxies on 127.0.0.1, with Java echo servers as the containers. */
class PortPublisherTest {
    private final PortPublisher publisher = new PortPublisher(Duration.ofMillis(400));
    private ServerSocket tcpEcho;
    private DatagramSocket udpEcho;

    @BeforeEach
    void echoes() throws IOException {
        tcpEcho = EchoServers.tcp();
        udpEcho = EchoServers.udp();
    }

    @AfterEach
    void close() throws IOException {
        publisher.close();
        tcpEcho.close();
        udpEcho.close();
    }

    static String tcpRoundTrip(int port, String text) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(3000);
            s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput(); // the proxy must pass the half-close on and still deliver the answer
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String udpRoundTrip(DatagramSocket client, int port, String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(out, out.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        client.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void tcpEphemeralPortIsReportedAndProxied() throws IOException {
        List<PublishedPort> ports = publisher.publish("c1", "127.0.0.1",
                List.of(PortRequest.tcp("127.0.0.1", 0, tcpEcho.getLocalPort())));
        PublishedPort p = ports.get(0);
        assertNotEquals(0, p.hostPort(), "the kernel's choice is reported");
        assertEquals("tcp", p.protocol());
        assertEquals(tcpEcho.getLocalPort(), p.containerPort());
        assertEquals("hello", tcpRoundTrip(p.hostPort(), "hello"));
        assertEquals(ports, publisher.published("c1"));
    }

    @Test
    void largeTransfersArriveIntact() throws IOException {
        int port = publisher.publish("c1", "127.0.0.1", List.of(PortRequest.tcp("127.0.0.1", 0, tcpEcho.getLocalPort())))
                .get(0).hostPort();
        String big = "x".repeat(3_000_000);
        assertEquals(big, tcpRoundTrip(port, big));
    }

    @Test
    void aPortHeldByAnotherContainerIsAlreadyAllocated() throws IOException {
        int port = publisher.publish("c1", "127.0.0.1", List.of(PortRequest.tcp("127.0.0.1", 0, tcpEcho.getLocalPort())))
                .get(0).hostPort();
        RuntimeError e = assertThrows(RuntimeError.class, () -> publisher.publish("c2", "127.0.0.1",
                List.of(PortRequest.tcp("127.0.0.1", port, 80))));
        assertEquals("Bind for 127.0.0.1:" + port + " failed: port is already allocated", e.getMessage());
        RuntimeError any = assertThrows(RuntimeError.class, () -> publisher.publish("c2", "127.0.0.1",
                List.of(PortRequest.tcp("", port, 80))));
        assertEquals("Bind for 0.0.0.0:" + port + " failed: port is already allocated", any.getMessage());
        publisher.publish("c3", "127.0.0.1", List.of(PortRequest.udp("127.0.0.1", port, 80))); // udp is another port space
    }

    @Test
    void aPortHeldByAnotherProcessFailsTheBind() throws IOException {
        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = foreign.getLocalPort();
            RuntimeError e = assertThrows(RuntimeError.class, () -> publisher.publish("c1", "127.0.0.1",
                    List.of(PortRequest.tcp("127.0.0.1", port, 80))));
            assertEquals("Error starting userland proxy: listen tcp4 127.0.0.1:" + port + ": bind: address already in use",
                    e.getMessage());
        }
    }

    @Test
    void publishingIsAllOrNothing() throws IOException {
        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int free;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                free = probe.getLocalPort();
            }
            assertThrows(RuntimeError.class, () -> publisher.publish("c1", "127.0.0.1", List.of(
                    PortRequest.tcp("127.0.0.1", free, 80), PortRequest.tcp("127.0.0.1", foreign.getLocalPort(), 81))));
            assertEquals(List.of(), publisher.published("c1"));
            try (ServerSocket again = new ServerSocket(free, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(free, again.getLocalPort(), "the first port was released by the rollback");
            }
        }
    }

    @Test
    void aRangeTakesTheFirstFreePort() throws IOException {
        int base;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            base = probe.getLocalPort();
        }
        try (ServerSocket foreign = new ServerSocket(base, 1, InetAddress.getLoopbackAddress())) {
            PortRequest range = new PortRequest("127.0.0.1", base, base + 5, tcpEcho.getLocalPort(), "tcp");
            int chosen = publisher.publish("c1", "127.0.0.1", List.of(range)).get(0).hostPort();
            assertTrue(chosen > base && chosen <= base + 5, "chosen " + chosen + " after busy " + base);
            assertEquals("ok", tcpRoundTrip(chosen, "ok"));
        }
        assertEquals(new PortRequest("", 8000, 8010, 80, "tcp"), PortRequest.of("", "8000-8010", 80, "tcp"));
        assertEquals(new PortRequest("0.0.0.0", 0, 0, 80, "udp"), PortRequest.of(null, "", 80, "UDP"));
    }

    @Test
    void unpublishFreesThePortAndCutsConnections() throws IOException {
        int port = publisher.publish("c1", "127.0.0.1", List.of(PortRequest.tcp("127.0.0.1", 0, tcpEcho.getLocalPort())))
                .get(0).hostPort();
        try (Socket open = new Socket(InetAddress.getLoopbackAddress(), port)) {
            open.setSoTimeout(3000);
            open.getOutputStream().write('a');
            assertEquals('a', open.getInputStream().read());
            publisher.unpublish("c1");
            InputStream in = open.getInputStream();
            int r;
            try {
                r = in.read();
            } catch (IOException e) {
                r = -1;
            }
            assertEquals(-1, r, "the live connection is closed with the container");
        }
        publisher.publish("c1", "127.0.0.1", List.of(PortRequest.tcp("127.0.0.1", port, tcpEcho.getLocalPort())));
        assertEquals("again", tcpRoundTrip(port, "again"));
    }

    @Test
    void unpublishReturnsOnlyOnceThePortIsFree() throws IOException {
        for (int i = 0; i < 20; i++) {
            List<PublishedPort> ports = publisher.publish("c" + i, "127.0.0.1", List.of(
                    PortRequest.tcp("", 0, tcpEcho.getLocalPort()), PortRequest.udp("", 0, udpEcho.getLocalPort())));
            publisher.unpublish("c" + i);
            // a virtual thread blocked in accept/receive holds the descriptor until it wakes: close must wait for it
            try (ServerSocket again = new ServerSocket(ports.get(0).hostPort());
                    DatagramSocket udpAgain = new DatagramSocket(ports.get(1).hostPort())) {
                assertEquals(ports.get(0).hostPort(), again.getLocalPort());
                assertEquals(ports.get(1).hostPort(), udpAgain.getLocalPort());
            }
        }
    }

    @Test
    void udpSessionsPerClientExpireWhenIdle() throws Exception {
        int port = publisher.publish("c1", "127.0.0.1", List.of(PortRequest.udp("127.0.0.1", 0, udpEcho.getLocalPort())))
                .get(0).hostPort();
        try (DatagramSocket a = new DatagramSocket(); DatagramSocket b = new DatagramSocket()) {
            a.setSoTimeout(2000);
            b.setSoTimeout(2000);
            assertEquals("from a", udpRoundTrip(a, port, "from a"));
            assertEquals("from b", udpRoundTrip(b, port, "from b"));
            assertEquals("a again", udpRoundTrip(a, port, "a again"));
            UdpProxy proxy = (UdpProxy) onlyProxy();
            assertEquals(2, proxy.sessionCount(), "one session per client address");
            long deadline = System.currentTimeMillis() + 3000;
            while (proxy.sessionCount() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, proxy.sessionCount(), "idle sessions are closed");
            assertEquals("after idle", udpRoundTrip(a, port, "after idle"), "a new session starts on demand");
        }
    }

    private Proxy onlyProxy() throws ReflectiveOperationException {
        var field = PortPublisher.class.getDeclaredField("byContainer");
        field.setAccessible(true);
        @SuppressWarnings("unchecked")
        var map = (java.util.Map<String, List<Proxy>>) field.get(publisher);
        return map.get("c1").get(0);
    }

    @Test
    void udpToAClosedContainerPortIsDroppedNotFatal() throws IOException {
        int dead;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            dead = probe.getLocalPort();
        }
        int port = publisher.publish("c1", "127.0.0.1", List.of(PortRequest.udp("127.0.0.1", 0, dead))).get(0).hostPort();
        try (DatagramSocket a = new DatagramSocket()) {
            a.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> udpRoundTrip(a, port, "lost"));
        }
        int live = publisher.publish("c2", "127.0.0.1", List.of(PortRequest.udp("127.0.0.1", 0, udpEcho.getLocalPort())))
                .get(0).hostPort();
        try (DatagramSocket a = new DatagramSocket()) {
            a.setSoTimeout(2000);
            assertEquals("fine", udpRoundTrip(a, live, "fine"));
        }
    }

    @Test
    void rejectsBadRequests() {
        assertThrows(RuntimeError.class, () -> PortRequest.of("", "80", 80, "sctp"));
        assertThrows(RuntimeError.class, () -> PortRequest.of("", "abc", 80, "tcp"));
        assertThrows(RuntimeError.class, () -> new PortRequest("", 90, 80, 80, "tcp"));
        assertThrows(RuntimeError.class, () -> publisher.publish("c9", "127.0.0.1", List.of(PortRequest.tcp("localhost", 0, 80))));
    }
}
