package dev.jcompose.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jcompose.model.Network;
import dev.jcompose.model.Volume;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ResourceHash writes its JSON without an ObjectMapper; the hashes must stay those the mapper gave, since they are
 * stored in the labels of networks and volumes that exist (a different hash would recreate them).
 */
class ResourceHashTest {
    /** The mapper-based hashing ResourceHash used before, as the oracle. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private static String mapperHash(Object value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(MAPPER.writeValueAsBytes(value)));
    }

    private static List<Network> networks() {
        return List.of(
                new Network("default", "demo_default", null, null, null, null, false, false, null, false, null),
                new Network("front", "demo_front", "bridge", Map.of("com.docker.network.bridge.name", "br-x",
                        "mtu", "1400"), "default", List.of(new Network.IpamPool("172.28.0.0/16", "172.28.0.1",
                        "172.28.5.0/24", Map.of("host1", "172.28.1.5", "a\"quoted\\", "172.28.1.6"))), true, true,
                        Boolean.TRUE, false, Map.of("z", "last", "a", "first", "é ünïcode ☃", "\u0001\t\n</x>")),
                new Network("back", "demo_back", "overlay", Map.of(), null, List.of(
                        new Network.IpamPool(null, null, null, null),
                        new Network.IpamPool("10.0.0.0/8", null, null, Map.of())), false, true, Boolean.FALSE,
                        false, Map.of("B", "upper sorts first", "b", "")));
    }

    @Test
    void networkHashesAreTheMappersHashes() throws Exception {
        for (Network n : networks()) {
            assertEquals(mapperHash(ResourceHash.networkFields(n)), ResourceHash.network(n), n.name());
        }
    }

    @Test
    void volumeHashesAreTheMappersHashes() throws Exception {
        List<Volume> volumes = List.of(
                new Volume("data", "demo_data", null, null, false, null),
                new Volume("db", "demo_db", "local", Map.of("type", "tmpfs", "o", "size=100m,uid=1000",
                        "device", "tmpfs"), false, Map.of("com.example/ünï", "☃ \"x\"", "a", "b")),
                new Volume("nfs", "weird \\ name\u2028", "other", Map.of(), false, Map.of()));
        for (Volume v : volumes) {
            assertEquals(mapperHash(ResourceHash.volumeFields(v)), ResourceHash.volume(v), v.name());
        }
    }

    @Test
    void aChangedFieldChangesTheHash() {
        Network n = networks().get(1);
        Network internalOff = new Network(n.key(), n.name(), n.driver(), n.driverOpts(), n.ipamDriver(),
                n.ipamConfig(), false, n.attachable(), n.enableIpv6(), n.external(), n.labels());
        assertNotEquals(ResourceHash.network(n), ResourceHash.network(internalOff));
    }
}
