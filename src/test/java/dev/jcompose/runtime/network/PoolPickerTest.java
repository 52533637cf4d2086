package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolPickerTest {
    private static final Path FIXTURES = Path.of("src/test/resources/runtime/network");

    private static List<Ipv4Subnet> hostOfThisVm() throws IOException {
        return HostAddressSpace.parse(Files.readString(FIXTURES.resolve("ip-route.json")),
                Files.readString(FIXTURES.resolve("ip-addr.json")));
    }

    @Test
    void readsRoutesAndAddressesButNotTheDefaultRoute() throws IOException {
        List<String> taken = hostOfThisVm().stream().map(Ipv4Subnet::toString).toList();
        assertTrue(taken.contains("172.17.0.0/16"), taken.toString());
        assertTrue(taken.contains("192.0.2.0/24"), taken.toString());
        assertTrue(taken.contains("127.0.0.0/8"), taken.toString());
        assertTrue(taken.stream().noneMatch(t -> t.endsWith("/0")), taken.toString());
    }

    @Test
    void skipsDockerZeroOnThisVm() throws IOException {
        assertEquals("172.18.0.0/24", PoolPicker.defaults().pick(hostOfThisVm()).toString());
    }

    @Test
    void skipsExistingNetworksAndAnyOverlappingRoute() {
        String routes = """
                [{"dst":"default","gateway":"10.0.0.1"},{"dst":"172.17.0.0/16","dev":"docker0"},
                 {"dst":"172.18.0.0/16","dev":"br-0123456789ab"},{"dst":"172.19.0.5","dev":"tun0"}]""";
        List<Ipv4Subnet> taken = new ArrayList<>(HostAddressSpace.parse(routes, "[]"));
        assertEquals("172.19.1.0/24", PoolPicker.defaults().pick(taken).toString(),
                "a host route inside 172.19.0.0/24 rules that /24 out");
        taken.add(Ipv4Subnet.parse("172.19.1.0/24"));
        assertEquals("172.19.2.0/24", PoolPicker.defaults().pick(taken).toString());
    }

    @Test
    void fallsThroughToTheNextPoolAndFailsWhenAllAreTaken() {
        PoolPicker small = new PoolPicker(List.of(Ipv4Subnet.parse("10.5.0.0/23"), Ipv4Subnet.parse("10.6.0.0/24")), 24);
        List<Ipv4Subnet> taken = new ArrayList<>(List.of(Ipv4Subnet.parse("10.5.0.0/23")));
        assertEquals("10.6.0.0/24", small.pick(taken).toString());
        taken.add(Ipv4Subnet.parse("10.6.0.0/24"));
        RuntimeError e = assertThrows(RuntimeError.class, () -> small.pick(taken));
        assertTrue(e.getMessage().contains("non-overlapping IPv4 address pool"), e.getMessage());
    }

    @Test
    void defaultPoolsAreDockers() {
        assertEquals(16, PoolPicker.DEFAULT_POOLS.size());
        assertEquals("172.17.0.0/16", PoolPicker.DEFAULT_POOLS.get(0).toString());
        assertEquals("172.31.0.0/16", PoolPicker.DEFAULT_POOLS.get(14).toString());
        assertEquals("192.168.0.0/16", PoolPicker.DEFAULT_POOLS.get(15).toString());
    }

    @ParameterizedTest
    @CsvSource({"172.17.5.0/24,true", "172.16.0.0/12,true", "192.0.2.128/25,true", "10.10.0.0/16,false",
            "172.20.0.0/16,false"})
    void requestedSubnetsMustNotOverlap(String requested, boolean refused) throws IOException {
        List<Ipv4Subnet> taken = hostOfThisVm();
        Ipv4Subnet r = Ipv4Subnet.parse(requested);
        if (refused) {
            RuntimeError e = assertThrows(RuntimeError.class, () -> PoolPicker.checkRequested(r, taken));
            assertEquals(403, e.status());
            assertTrue(e.getMessage().startsWith("Pool overlaps with other one on this address space"), e.getMessage());
        } else {
            PoolPicker.checkRequested(r, taken);
        }
    }
}
