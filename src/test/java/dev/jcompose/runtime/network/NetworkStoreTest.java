package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the daemon writes is what the next daemon reads: records survive the JSON round trip unchanged. */
class NetworkStoreTest {
    @TempDir
    Path dir;

    @Test
    void networksAndEndpointsRoundTrip() {
        NetworkStore store = new NetworkStore(dir);
        NetworkRecord net = new NetworkRecord("a".repeat(64), "proj_default", "bridge", "jc-aaaaaaaaaaaa", "172.18.0.0/24",
                "172.18.0.1", false, true, false, true, Map.of("com.docker.compose.project", "proj"), Map.of(),
                "2025-01-01T00:00:00Z");
        NetworkRecord host = new NetworkRecord("b".repeat(64), "host", "host", null, null, null, false, false, true, false,
                Map.of(), Map.of(), "2024-01-01T00:00:00Z");
        EndpointRecord ep = new EndpointRecord("e".repeat(64), "c1", net.id(), net.name(), "eth0", "jcv0123456789", "jc-c1",
                "172.18.0.2", 24, "02:42:ac:12:00:02", "172.18.0.1", true, List.of("web", "proj-web-1"));
        store.save(net);
        store.save(host);
        store.save(ep);
        assertEquals(List.of(host, net), store.loadNetworks(), "ordered by creation time");
        assertEquals(List.of(ep), store.loadEndpoints(net.id()));
        store.delete(ep);
        assertEquals(List.of(), store.loadEndpoints(net.id()));
        store.delete(net);
        assertFalse(Files.exists(store.dir(net.id())));
    }
}
