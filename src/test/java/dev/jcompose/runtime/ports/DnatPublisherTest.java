package dev.jcompose.runtime.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher in DNAT mode with recording rules: host ports are reserved by bound sockets (conflicts fail as
 * before, without the word "proxy"), the rules get the ports actually bound, and nothing is served in userland.
 */
class DnatPublisherTest {
    /** What the network layer was asked, in order. */
    private final List<String> calls = new ArrayList<>();
    private RuntimeException failAdd;
    private final PortRules recording = new PortRules() {
        @Override
        public void add(String containerId, List<PublishedPort> ports) {
            calls.add("add " + containerId + " " + ports);
            if (failAdd != null) {
                throw failAdd;
            }
        }

        @Override
        public void remove(String containerId) {
            calls.add("remove " + containerId + (portFree(lastPort) ? " (port already free)" : " (port still held)"));
        }
    };
    private final PortPublisher publisher = PortPublisher.withDnat(recording);
    private int lastPort;

    @AfterEach
    void close() {
        publisher.close();
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void reservesThePortsAndHandsTheBoundOnesToTheRules() throws IOException {
        List<PublishedPort> bound = publisher.publish("c1", "172.18.0.2", List.of(PortRequest.tcp("127.0.0.1", 0, 80),
                PortRequest.udp("127.0.0.1", 0, 53)));
        lastPort = bound.get(0).hostPort();
        assertTrue(lastPort > 0, "the kernel's ephemeral port is resolved before the rules are written");
        assertEquals(List.of("add c1 " + bound), calls);
        assertFalse(portFree(lastPort), "TCP port held");
        try (DatagramSocket s = new DatagramSocket(null)) {
            assertThrows(java.net.BindException.class, () -> s.bind(new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), bound.get(1).hostPort())), "UDP port held");
        }
        // held, but nothing serves it: the kernel's DNAT does (a connect reaches the backlog and nothing answers)
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), lastPort)) {
            s.setSoTimeout(300);
            assertThrows(java.net.SocketTimeoutException.class, () -> s.getInputStream().read());
        }

        publisher.unpublish("c1");
        assertEquals("remove c1 (port still held)", calls.get(1), "rules go before the port is released");
        assertTrue(portFree(lastPort));
        publisher.unpublish("c1");
        assertEquals(2, calls.size(), "unknown container: nothing asked");
    }

    @Test
    void conflictsFailBeforeAnyRuleAndReleaseWhatWasBound() throws IOException {
        int held = publisher.publish("c1", "172.18.0.2", List.of(PortRequest.tcp("127.0.0.1", 0, 80))).get(0).hostPort();
        RuntimeError allocated = assertThrows(RuntimeError.class, () -> publisher.publish("c2", "172.18.0.3",
                List.of(PortRequest.tcp("127.0.0.1", 0, 81), PortRequest.tcp("0.0.0.0", held, 80))));
        assertEquals("Bind for 0.0.0.0:" + held + " failed: port is already allocated", allocated.getMessage());
        assertEquals(1, calls.size(), "no rules for the failed container: " + calls);

        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = foreign.getLocalPort();
            RuntimeError inUse = assertThrows(RuntimeError.class, () -> publisher.publish("c3", "172.18.0.4",
                    List.of(PortRequest.tcp("127.0.0.1", port, 80))));
            assertEquals("listen tcp4 127.0.0.1:" + port + ": bind: address already in use", inUse.getMessage(),
                    "dockerd's DNAT mode names no proxy");
        }
        assertEquals(1, calls.size());
    }

    @Test
    void aRuleFailureReleasesThePorts() {
        failAdd = new RuntimeError(500, "iptables failed");
        RuntimeError e = assertThrows(RuntimeError.class, () -> publisher.publish("c1", "172.18.0.2",
                List.of(PortRequest.tcp("127.0.0.1", 0, 80))));
        assertEquals("iptables failed", e.getMessage());
        int port = Integer.parseInt(calls.get(0).replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1"));
        assertTrue(portFree(port), "released");
        assertEquals(List.of(), publisher.published("c1"));
    }

    @Test
    void ipv6BindingsKeepTheProxy() throws IOException {
        try (ServerSocket echo = EchoServers.tcp()) {
            List<PublishedPort> bound;
            try {
                bound = publisher.publish("c6", "127.0.0.1", List.of(PortRequest.tcp("::1", 0, echo.getLocalPort())));
            } catch (RuntimeError e) {
                org.junit.jupiter.api.Assumptions.assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
                return;
            }
            assertEquals(List.of(), calls, "no iptables rule for an IPv6 address");
            try (Socket s = new Socket(InetAddress.getByName("::1"), bound.get(0).hostPort())) {
                s.setSoTimeout(3000);
                s.getOutputStream().write("six\n".getBytes());
                s.shutdownOutput();
                assertEquals("six\n", new String(s.getInputStream().readAllBytes()), "served by the proxy");
            }
        }
    }
}
