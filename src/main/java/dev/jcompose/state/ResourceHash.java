package dev.jcompose.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jcompose.model.Network;
import dev.jcompose.model.Volume;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code com.docker.compose.config-hash} of networks and volumes: sha256 of the canonical JSON of the fields
 * that shape the engine resource. A changed hash means the resource must be recreated to match the file.
 */
public final class ResourceHash {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ResourceHash() {
    }

    public static String network(Network n) {
        Map<String, Object> m = new TreeMap<>();
        m.put("name", n.name());
        m.put("driver", n.driver());
        m.put("driver_opts", n.driverOpts());
        m.put("internal", n.internal());
        m.put("attachable", n.attachable());
        m.put("enable_ipv6", n.enableIpv6());
        m.put("labels", n.labels());
        Map<String, Object> ipam = new TreeMap<>();
        ipam.put("driver", n.ipamDriver());
        List<Object> pools = new ArrayList<>();
        for (Network.IpamPool pool : n.ipamConfig()) {
            Map<String, Object> p = new TreeMap<>();
            p.put("subnet", pool.subnet());
            p.put("gateway", pool.gateway());
            p.put("ip_range", pool.ipRange());
            p.put("aux_addresses", pool.auxAddresses());
            pools.add(p);
        }
        ipam.put("config", pools);
        m.put("ipam", ipam);
        return sha256(m);
    }

    public static String volume(Volume v) {
        Map<String, Object> m = new TreeMap<>();
        m.put("name", v.name());
        // compose hashes an unset driver as "local" so that `driver: local` and no driver are the same volume.
        m.put("driver", v.driver() == null || v.driver().isEmpty() ? "local" : v.driver());
        m.put("driver_opts", v.driverOpts());
        m.put("labels", v.labels());
        return sha256(m);
    }

    private static String sha256(Object value) {
        try {
            byte[] json = JSON.writeValueAsBytes(value);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash " + value, e);
        }
    }

}
