package dev.jcompose.engine.wire;

import static dev.jcompose.engine.wire.Json.bool;
import static dev.jcompose.engine.wire.Json.instant;
import static dev.jcompose.engine.wire.Json.keys;
import static dev.jcompose.engine.wire.Json.number;
import static dev.jcompose.engine.wire.Json.stringMap;
import static dev.jcompose.engine.wire.Json.strings;
import static dev.jcompose.engine.wire.Json.text;
import static dev.jcompose.engine.wire.Json.textOrNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.ImageSummary;
import dev.jcompose.engine.NetworkInfo;
import dev.jcompose.engine.NetworkSpec;
import dev.jcompose.engine.VolumeInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Network, volume and image responses → SPI records. */
public final class ObjectJson {
    /** What `docker images` reports for an untagged image; not a reference anyone can use. */
    private static final String NONE_TAG = "<none>:<none>";
    private static final String NONE_DIGEST = "<none>@<none>";

    private ObjectJson() {
    }

    public static NetworkInfo network(JsonNode json) {
        JsonNode ipamNode = json.path("IPAM");
        List<NetworkSpec.Pool> pools = new ArrayList<>();
        for (JsonNode p : ipamNode.path("Config")) {
            pools.add(new NetworkSpec.Pool(textOrNull(p, "Subnet"), textOrNull(p, "IPRange"),
                    textOrNull(p, "Gateway"), stringMap(p, "AuxiliaryAddresses")));
        }
        NetworkSpec.Ipam ipam = new NetworkSpec.Ipam(textOrNull(ipamNode, "Driver"), pools,
                stringMap(ipamNode, "Options"));
        Map<String, NetworkInfo.Member> members = new LinkedHashMap<>();
        json.path("Containers").properties().forEach(e -> members.put(e.getKey(), new NetworkInfo.Member(
                text(e.getValue(), "Name"), text(e.getValue(), "IPv4Address"), text(e.getValue(), "MacAddress"))));
        return new NetworkInfo(text(json, "Id"), text(json, "Name"), text(json, "Driver"), text(json, "Scope"),
                instant(json, "Created"), stringMap(json, "Labels"), bool(json, "Internal"), bool(json, "Attachable"),
                bool(json, "EnableIPv6"), ipam, stringMap(json, "Options"), members);
    }

    public static VolumeInfo volume(JsonNode json) {
        return new VolumeInfo(text(json, "Name"), text(json, "Driver"), text(json, "Mountpoint"),
                stringMap(json, "Labels"), stringMap(json, "Options"), text(json, "Scope"),
                instant(json, "CreatedAt"));
    }

    public static ImageInfo image(JsonNode json) {
        return new ImageInfo(text(json, "Id"), usable(strings(json, "RepoTags"), NONE_TAG),
                usable(strings(json, "RepoDigests"), NONE_DIGEST), instant(json, "Created"), number(json, "Size"),
                text(json, "Os"), text(json, "Architecture"), imageConfig(json.get("Config")));
    }

    public static ImageSummary imageSummary(JsonNode json) {
        return new ImageSummary(text(json, "Id"), usable(strings(json, "RepoTags"), NONE_TAG),
                usable(strings(json, "RepoDigests"), NONE_DIGEST), Json.epochSeconds(json, "Created"),
                number(json, "Size"), stringMap(json, "Labels"));
    }

    /**
     * An image's runtime config: the "Config" object of an image inspect, or of the config blob inside a
     * `docker save` archive (same keys).
     */
    public static ImageConfig imageConfig(JsonNode config) {
        if (config == null || config.isNull() || config.isMissingNode()) {
            return ImageConfig.EMPTY;
        }
        return new ImageConfig(strings(config, "Env"), strings(config, "Entrypoint"), strings(config, "Cmd"),
                keys(config, "Volumes"), ContainerJson.healthcheck(config.get("Healthcheck")),
                text(config, "StopSignal"), text(config, "User"), text(config, "WorkingDir"),
                keys(config, "ExposedPorts"), stringMap(config, "Labels"));
    }

    private static List<String> usable(List<String> refs, String none) {
        return refs.stream().filter(r -> !r.equals(none)).toList();
    }
}
