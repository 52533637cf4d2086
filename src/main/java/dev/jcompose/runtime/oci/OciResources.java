package dev.jcompose.runtime.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The {@code linux.resources} object: device cgroup allow-list, memory, cpu and pids limits. */
final class OciResources {
    /** CFS period Docker uses for --cpus: 100 ms. */
    static final long CPU_PERIOD_US = 100_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OciResources() {}

    static ObjectNode build(ContainerConfig config) {
        ResourceLimits r = config.resources();
        ObjectNode out = JSON.objectNode();
        ArrayNode devices = out.putArray("devices");
        for (DeviceRule rule : deviceRules(config)) {
            ObjectNode d = devices.addObject();
            d.put("allow", rule.allow());
            if (!rule.type().equals("a")) {
                d.put("type", rule.type());
            }
            if (rule.major() != null) {
                d.put("major", rule.major());
            }
            if (rule.minor() != null) {
                d.put("minor", rule.minor());
            }
            d.put("access", rule.access());
        }
        if (r.memoryBytes() != null || r.memoryReservationBytes() != null || r.memorySwapBytes() != null) {
            ObjectNode m = out.putObject("memory");
            putIfSet(m, "limit", r.memoryBytes());
            putIfSet(m, "reservation", r.memoryReservationBytes());
            putIfSet(m, "swap", r.memorySwapBytes());
        }
        Long quota = r.cpuQuota();
        Long period = r.cpuPeriod();
        if (r.nanoCpus() != null) {
            period = CPU_PERIOD_US;
            quota = r.nanoCpus() * CPU_PERIOD_US / 1_000_000_000L;
        }
        if (r.cpuShares() != null || quota != null || period != null || r.cpusetCpus() != null) {
            ObjectNode c = out.putObject("cpu");
            putIfSet(c, "shares", r.cpuShares());
            putIfSet(c, "quota", quota);
            putIfSet(c, "period", period);
            if (r.cpusetCpus() != null) {
                c.put("cpus", r.cpusetCpus());
            }
        }
        if (r.pidsLimit() != null) {
            out.putObject("pids").put("limit", r.pidsLimit());
        }
        return out;
    }

    /** Privileged: everything. Otherwise deny all, Docker's allow-list, the mapped devices, the extra rules. */
    private static List<DeviceRule> deviceRules(ContainerConfig config) {
        if (config.security().privileged()) {
            return List.of(new DeviceRule(true, "a", null, null, "rwm"));
        }
        List<DeviceRule> rules = new ArrayList<>();
        rules.add(new DeviceRule(false, "a", null, null, "rwm"));
        rules.addAll(DockerDefaults.ALLOWED_DEVICES);
        for (DeviceNode d : config.resources().devices()) {
            if (d.type().equals("c") || d.type().equals("b")) {
                rules.add(new DeviceRule(true, d.type(), d.major(), d.minor(), d.cgroupAccess()));
            }
        }
        rules.addAll(config.resources().deviceRules());
        return rules;
    }

    private static void putIfSet(ObjectNode node, String field, Long value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
