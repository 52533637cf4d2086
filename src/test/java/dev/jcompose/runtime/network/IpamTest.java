package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpamTest {
    @TempDir
    Path dir;

    private Ipam open(String subnet) {
        Ipv4Subnet s = Ipv4Subnet.parse(subnet);
        return Ipam.open(dir.resolve("ipam.json"), s, s.firstHost());
    }

    private static String ip(int address) {
        return Ipv4.format(address);
    }

    @Test
    void gatewayIsReservedAndAddressesComeInOrder() {
        Ipam ipam = open("172.18.0.0/24");
        assertEquals("172.18.0.1", ip(ipam.gateway()));
        assertTrue(ipam.isAllocated(Ipv4.parse("172.18.0.1")));
        assertEquals("172.18.0.2", ip(ipam.allocate()));
        assertEquals("172.18.0.3", ip(ipam.allocate()));
        assertEquals(List.of("172.18.0.2", "172.18.0.3"), ipam.leases());
    }

    @Test
    void releasedAddressIsNotReusedAtOnce() {
        Ipam ipam = open("172.18.0.0/24");
        int a = ipam.allocate();
        ipam.allocate();
        ipam.release(a);
        assertEquals("172.18.0.4", ip(ipam.allocate()), "allocation continues after the last lease");
    }

    @Test
    void wrapsAroundAndSkipsReservedAddresses() {
        Ipam ipam = open("10.9.0.0/29"); // .0 network, .1 gateway, .2-.6 hosts, .7 broadcast
        for (int i = 2; i <= 6; i++) {
            assertEquals("10.9.0." + i, ip(ipam.allocate()));
        }
        RuntimeError full = assertThrows(RuntimeError.class, ipam::allocate);
        assertTrue(full.getMessage().contains("no available IPv4 addresses"), full.getMessage());
        ipam.release(Ipv4.parse("10.9.0.3"));
        assertEquals("10.9.0.3", ip(ipam.allocate()), "the only free address, found by wrapping");
    }

    @Test
    void requestedAddress() {
        Ipam ipam = open("172.18.0.0/24");
        assertEquals("172.18.0.50", ip(ipam.allocate(Ipv4.parse("172.18.0.50"))));
        RuntimeError taken = assertThrows(RuntimeError.class, () -> ipam.allocate(Ipv4.parse("172.18.0.50")));
        assertEquals(409, taken.status());
        assertEquals("Address already in use: 172.18.0.50", taken.getMessage());
        RuntimeError gw = assertThrows(RuntimeError.class, () -> ipam.allocate(Ipv4.parse("172.18.0.1")));
        assertEquals(409, gw.status());
        for (String outside : List.of("172.18.1.5", "172.18.0.0", "172.18.0.255", "10.0.0.1")) {
            RuntimeError e = assertThrows(RuntimeError.class, () -> ipam.allocate(Ipv4.parse(outside)));
            assertEquals(400, e.status(), outside);
            assertTrue(e.getMessage().contains("does not belong to any of this network's subnets"), e.getMessage());
        }
    }

    @Test
    void releaseIsIdempotentAndIgnoresReservedAddresses() {
        Ipam ipam = open("172.18.0.0/24");
        int a = ipam.allocate();
        ipam.release(a);
        ipam.release(a);
        ipam.release(ipam.gateway());
        ipam.release(Ipv4.parse("9.9.9.9"));
        assertFalse(ipam.isAllocated(a));
        assertTrue(ipam.isAllocated(ipam.gateway()));
    }

    @Test
    void leasesSurviveAReopen() throws IOException {
        Ipam first = open("172.18.0.0/24");
        first.allocate();
        first.allocate(Ipv4.parse("172.18.0.200"));
        first.allocate();
        Ipam second = open("172.18.0.0/24");
        assertEquals(List.of("172.18.0.2", "172.18.0.3", "172.18.0.200"), second.leases());
        assertEquals("172.18.0.4", ip(second.allocate()), "the cursor is persisted too");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("ipam.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temp file left behind by the atomic writes");
        }
    }

    @Test
    void reopeningWithAnotherSubnetIsRefused() {
        open("172.18.0.0/24");
        Ipv4Subnet other = Ipv4Subnet.parse("172.19.0.0/24");
        assertThrows(RuntimeException.class, () -> Ipam.open(dir.resolve("ipam.json"), other, other.firstHost()));
    }

    @Test
    void rejectsUnusableSubnetsAndGateways() {
        Ipv4Subnet tiny = Ipv4Subnet.parse("10.0.0.0/31");
        assertThrows(RuntimeError.class, () -> Ipam.open(dir.resolve("a.json"), tiny, tiny.base()));
        Ipv4Subnet s = Ipv4Subnet.parse("10.0.0.0/24");
        assertThrows(RuntimeError.class, () -> Ipam.open(dir.resolve("b.json"), s, Ipv4.parse("10.0.1.1")));
        assertThrows(RuntimeError.class, () -> Ipam.open(dir.resolve("c.json"), s, Ipv4.parse("10.0.0.255")));
    }

    @Test
    void syncLeasesRepairsLeaksAndLosses() {
        Ipam ipam = open("172.18.0.0/24");
        ipam.allocate(); // .2: leaked (no endpoint record survived)
        ipam.allocate(); // .3: still in use
        int lost = Ipv4.parse("172.18.0.9"); // an endpoint whose lease write was lost
        assertTrue(ipam.syncLeases(List.of(Ipv4.parse("172.18.0.3"), lost)));
        assertEquals(List.of("172.18.0.3", "172.18.0.9"), ipam.leases());
        assertTrue(ipam.isAllocated(ipam.gateway()));
        assertFalse(ipam.syncLeases(List.of(Ipv4.parse("172.18.0.3"), lost)), "nothing to change the second time");
        assertEquals(List.of("172.18.0.3", "172.18.0.9"), open("172.18.0.0/24").leases(), "persisted");
    }

    @Test
    void deleteRemovesTheStateFile() {
        Ipam ipam = open("172.18.0.0/24");
        ipam.delete();
        assertFalse(Files.exists(dir.resolve("ipam.json")));
    }
}
