package dev.jcompose.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jcompose.model.Network;
import dev.jcompose.model.Volume;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code com.docker.compose.config-hash} of networks and volumes: sha256 of the canonical JSON of the fields
 * that shape the engine resource. A changed hash means the resource must be recreated to match the file.
 * The JSON is written with jackson-core's generator exactly as an ObjectMapper with ORDER_MAP_ENTRIES_BY_KEYS
 * wrote it before (hashes stored in existing resources' labels must not change), without building a mapper:
 * its first construction costs ~20 ms of start-up (Jackson's date formats load the JDK's locale data).
 */
public final class ResourceHash {
    private static final JsonFactory JSON = new JsonFactory();

    private ResourceHash() {
    }

    public static String network(Network n) {
        return sha256(networkFields(n));
    }

    public static String volume(Volume v) {
        return sha256(volumeFields(v));
    }

    /** What a network's hash covers (the same fields and names as before this class wrote its own JSON). */
    static Map<String, Object> networkFields(Network n) {
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
        return m;
    }

    static Map<String, Object> volumeFields(Volume v) {
        Map<String, Object> m = new TreeMap<>();
        m.put("name", v.name());
        // compose hashes an unset driver as "local" so that `driver: local` and no driver are the same volume.
        m.put("driver", v.driver() == null || v.driver().isEmpty() ? "local" : v.driver());
        m.put("driver_opts", v.driverOpts());
        m.put("labels", v.labels());
        return m;
    }

    private static String sha256(Object value) {
        try {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(json)) {
                write(g, value);
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.toByteArray()));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash " + value, e);
        }
    }

    /** Maps with their entries sorted by key, null values kept (what the mapper did). */
    static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<String, Object> e : sortedByKey(m).entrySet()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object item : c) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            default -> throw new IOException("no canonical JSON for " + value.getClass().getName());
        }
    }

    private static Map<String, Object> sortedByKey(Map<?, ?> m) {
        Map<String, Object> sorted = new TreeMap<>();
        m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        return sorted;
    }
}
