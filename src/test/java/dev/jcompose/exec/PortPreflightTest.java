package dev.jcompose.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host-port probe behind `up`'s "port is already allocated" preflight. */
class PortPreflightTest {

    @Test
    void aListeningPortIsInUseOnItsAddressAndOnAllInterfaces() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = s.getLocalPort();
            assertTrue(PortPreflight.inUse("127.0.0.1", port, "tcp"));
            assertTrue(PortPreflight.inUse(null, port, "tcp"));
        }
    }

    @Test
    void aClosedPortIsFree() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertFalse(PortPreflight.inUse("127.0.0.1", port, "tcp"));
    }

    @Test
    void anAddressForeignToThisHostIsLeftToTheEngine() {
        assertFalse(PortPreflight.inUse("192.0.2.1", 8080, "tcp"));
    }

    @Test
    void publishedValuesExpandToPorts() {
        assertEquals(List.of(8080), PortPreflight.hostPorts("8080"));
        assertEquals(List.of(8000, 8001, 8002), PortPreflight.hostPorts("8000-8002"));
        assertEquals(List.of(), PortPreflight.hostPorts(null));
        assertEquals(List.of(), PortPreflight.hostPorts("x"));
    }
}
