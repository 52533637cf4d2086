package dev.jcompose.runtime.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bundled default seccomp policy ({@code runtime/seccomp-default.json}, data written for jcompose) and its
 * resolution into runc's {@code linux.seccomp} for one container: conditions on capabilities, architecture and
 * kernel version are decided here, when the config is generated, as Docker does.
 */
public final class SeccompPolicy {
    public static final String RESOURCE = "/runtime/seccomp-default.json";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JsonNode data;

    private SeccompPolicy(JsonNode data) {
        this.data = data;
    }

    /** The bundled default policy. */
    public static SeccompPolicy bundledDefault() {
        return Holder.DEFAULT;
    }

    /** A policy in the same data format, e.g. from a test. */
    public static SeccompPolicy parse(InputStream in) throws IOException {
        return new SeccompPolicy(new ObjectMapper().readTree(in));
    }

    private static final class Holder {
        static final SeccompPolicy DEFAULT = load();

        private static SeccompPolicy load() {
            try (InputStream in = SeccompPolicy.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    /**
     * The OCI seccomp object for a container holding {@code capabilities} (its bounding set) on {@code host}:
     * one sorted ALLOW group of every unconditionally allowed name, then argument rules, then errno rules.
     */
    public ObjectNode resolve(Collection<String> capabilities, HostPlatform host) {
        Set<String> caps = Set.copyOf(capabilities);
        ObjectNode out = JSON.objectNode();
        out.put("defaultAction", data.path("defaultAction").asText("SCMP_ACT_ERRNO"));
        out.put("defaultErrnoRet", data.path("defaultErrno").asInt(1));
        JsonNode arches = data.path("architectures").path(host.arch());
        if (arches.isArray()) {
            out.set("architectures", arches.deepCopy());
        }
        ArrayNode groups = out.putArray("syscalls");
        groups.add(group(allowedNames(caps, host), "SCMP_ACT_ALLOW"));
        for (JsonNode rule : data.path("argumentRules")) {
            if (applies(rule, caps, host)) {
                for (JsonNode value : rule.path("values")) {
                    ObjectNode g = group(Set.of(rule.path("syscall").asText()), "SCMP_ACT_ALLOW");
                    ObjectNode arg = g.putArray("args").addObject();
                    arg.put("index", rule.path("argument").asInt());
                    arg.put("value", value.asLong());
                    if (rule.has("maskedResult")) {
                        arg.put("valueTwo", rule.path("maskedResult").asLong());
                    }
                    arg.put("op", rule.path("op").asText());
                    groups.add(g);
                }
            }
        }
        for (JsonNode rule : data.path("errnoRules")) {
            if (applies(rule, caps, host)) {
                ObjectNode g = group(Set.of(rule.path("syscall").asText()), "SCMP_ACT_ERRNO");
                g.put("errnoRet", rule.path("errno").asInt());
                groups.add(g);
            }
        }
        return out;
    }

    /** Names allowed without argument checks for this capability set and host, sorted. */
    public Set<String> allowedNames(Set<String> caps, HostPlatform host) {
        Set<String> names = new TreeSet<>();
        data.path("allow").forEach(n -> names.add(n.asText()));
        data.path("allowOnArch").path(host.arch()).forEach(n -> names.add(n.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = data.path("allowWithCapability").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (caps.contains(e.getKey())) {
                e.getValue().forEach(n -> names.add(n.asText()));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.path("allowSinceKernel").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            int[] v = HostPlatform.parseKernel(e.getKey());
            if (host.kernelAtLeast(v[0], v[1])) {
                e.getValue().forEach(n -> names.add(n.asText()));
            }
        }
        return names;
    }

    private static boolean applies(JsonNode rule, Set<String> caps, HostPlatform host) {
        if (rule.has("unlessCapability") && caps.contains(rule.path("unlessCapability").asText())) {
            return false;
        }
        if (contains(rule.path("exceptOnArch"), host.arch())) {
            return false;
        }
        return !rule.has("onlyOnArch") || contains(rule.path("onlyOnArch"), host.arch());
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode group(Set<String> names, String action) {
        ObjectNode g = JSON.objectNode();
        ArrayNode list = g.putArray("names");
        new TreeSet<>(names).forEach(list::add);
        g.put("action", action);
        return g;
    }
}
