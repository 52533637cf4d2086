package dev.jcompose.runtime.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the host already uses, read from {@code ip -j route} and {@code ip -j addr}: every non-default route
 * destination and every interface subnet. Default routes are skipped because they overlap everything and
 * bridge subnets legitimately sit "under" them.
 */
public final class HostAddressSpace {
    private HostAddressSpace() {
    }

    public static List<Ipv4Subnet> parse(String ipRouteJson, String ipAddrJson) {
        List<Ipv4Subnet> out = new ArrayList<>();
        for (JsonNode route : tree(ipRouteJson)) {
            String dst = route.path("dst").asText("");
            if (!dst.isEmpty() && !dst.equals("default") && Ipv4.isIpv4(dst.replaceFirst("/.*", ""))) {
                out.add(Ipv4Subnet.parse(dst));
            }
        }
        for (JsonNode link : tree(ipAddrJson)) {
            for (JsonNode addr : link.path("addr_info")) {
                if ("inet".equals(addr.path("family").asText()) && addr.has("local")) {
                    out.add(new Ipv4Subnet(Ipv4.parse(addr.get("local").asText()), addr.path("prefixlen").asInt(32)));
                }
            }
        }
        return out;
    }

    private static JsonNode tree(String json) {
        try {
            return json == null || json.isBlank() ? StateJson.MAPPER.createArrayNode() : StateJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse ip -j output", e);
        }
    }
}
