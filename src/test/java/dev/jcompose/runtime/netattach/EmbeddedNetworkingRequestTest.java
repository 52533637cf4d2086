package dev.jcompose.runtime.netattach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.engine.NetworkRequest;
import dev.jcompose.runtime.ports.PortRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a container's request becomes networks to join, DNS names and port proxy requests (no root needed). */
class EmbeddedNetworkingRequestTest {
    private static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    static NetworkRequest request(String mode, Map<String, NetworkRequest.Endpoint> endpoints,
            Map<String, List<NetworkRequest.HostBinding>> ports, boolean publishAll, List<String> exposed) {
        return new NetworkRequest("/proj-web-1", "0123456789ab", "", mode, endpoints, ports, publishAll, exposed,
                List.of(), List.of(), List.of(), List.of());
    }

    static NetworkRequest.Endpoint endpoint(String... aliases) {
        return new NetworkRequest.Endpoint(List.of(aliases), "", "");
    }

    static Stream<Arguments> modes() {
        Map<String, NetworkRequest.Endpoint> two = new LinkedHashMap<>();
        two.put("back", endpoint());
        two.put("front", endpoint("web"));
        return Stream.of(
                Arguments.of("default", Map.of("default", endpoint()), List.of("bridge")),
                Arguments.of("", Map.of(), List.of("bridge")),
                Arguments.of("front", two, List.of("front", "back")),
                Arguments.of("host", Map.of(), List.of("host")),
                Arguments.of("none", Map.of(), List.of("none")),
                Arguments.of("container:abc", Map.of(), List.of()));
    }

    @ParameterizedTest
    @MethodSource("modes")
    void theModeNetworkComesFirst(String mode, Map<String, NetworkRequest.Endpoint> endpoints, List<String> expected) {
        assertEquals(expected, EmbeddedNetworking.networkNames(request(mode, endpoints, Map.of(), false, List.of())));
    }

    @Test
    void dnsNamesAreNameShortIdHostnameAndAliasesWithoutRepeats() {
        NetworkRequest r = request("front", Map.of("front", endpoint("web", "proj-web-1", "api")), Map.of(), false,
                List.of());
        assertEquals(List.of("proj-web-1", "0123456789ab", "web", "api"), EmbeddedNetworking.dnsNames(ID, r, "front"));
        assertEquals(List.of("proj-web-1", "0123456789ab"), EmbeddedNetworking.dnsNames(ID, r, "other"));
    }

    @Test
    void portBindingsBecomeProxyRequests() {
        Map<String, List<NetworkRequest.HostBinding>> ports = new LinkedHashMap<>();
        ports.put("80/tcp", List.of(new NetworkRequest.HostBinding("", "8080"),
                new NetworkRequest.HostBinding("127.0.0.1", "")));
        ports.put("53/udp", List.of(new NetworkRequest.HostBinding("", "0")));
        ports.put("9000/tcp", List.of());
        List<PortRequest> out = PortRequests.of(request("", Map.of(), ports, false, List.of("80/tcp", "443/tcp")));
        assertEquals(List.of(new PortRequest("0.0.0.0", 8080, 8080, 80, "tcp"),
                new PortRequest("127.0.0.1", 0, 0, 80, "tcp"), new PortRequest("0.0.0.0", 0, 0, 53, "udp")), out);
    }

    @Test
    void publishAllAddsEphemeralPortsForUnboundExposedPorts() {
        Map<String, List<NetworkRequest.HostBinding>> ports = Map.of("80/tcp",
                List.of(new NetworkRequest.HostBinding("", "8080")));
        List<PortRequest> out = PortRequests.of(request("", Map.of(), ports, true, List.of("80/tcp", "443/tcp", "53")));
        assertEquals(List.of(new PortRequest("0.0.0.0", 8080, 8080, 80, "tcp"),
                new PortRequest("0.0.0.0", 0, 0, 443, "tcp"), new PortRequest("0.0.0.0", 0, 0, 53, "tcp")), out);
    }

    @Test
    void aBadPortKeyIsABadRequest() {
        RuntimeError e = assertThrows(RuntimeError.class, () -> PortRequests.of(request("", Map.of(),
                Map.of("http/tcp", List.of(new NetworkRequest.HostBinding("", "80"))), false, List.of())));
        assertEquals("invalid port http/tcp", e.getMessage());
    }
}
