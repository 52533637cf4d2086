package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.image.HealthConfig;
import dev.jcompose.runtime.image.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's merge of an image's run defaults into a container's Config ({@code daemon.merge}): the user's value
 * wins where set; Env and ExposedPorts and Labels and Volumes are unions (user first); the image's Cmd is used
 * only when the user gave neither Entrypoint nor Cmd, and its Entrypoint only when the user's is absent (an
 * empty Entrypoint clears it). Healthcheck fields are merged one by one.
 */
public final class ConfigMerge {
    /** The Config fields of a create body (the rest of the body is HostConfig and NetworkingConfig). */
    static final Set<String> CONFIG_FIELDS = Set.of("Hostname", "Domainname", "User", "AttachStdin",
            "AttachStdout", "AttachStderr", "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd",
            "Healthcheck", "ArgsEscaped", "Image", "Volumes", "WorkingDir", "Entrypoint", "NetworkDisabled",
            "MacAddress", "OnBuild", "Labels", "StopSignal", "StopTimeout", "Shell");

    private ConfigMerge() {
    }

    /** The Config part of a create body, as given. */
    public static ObjectNode configOf(JsonNode body) {
        ObjectNode config = DockerJson.object();
        body.properties().forEach(e -> {
            if (CONFIG_FIELDS.contains(e.getKey())) {
                config.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return config;
    }

    /** Returns a new Config: {@code user} with the image's defaults merged in. */
    public static ObjectNode merge(ObjectNode user, RunConfig image) {
        ObjectNode c = user.deepCopy();
        if (isEmpty(c, "User") && image.user() != null) {
            c.put("User", image.user());
        }
        if (image.exposedPorts() != null && !image.exposedPorts().isEmpty()) {
            ObjectNode ports = c.has("ExposedPorts") && c.get("ExposedPorts").isObject()
                    ? (ObjectNode) c.get("ExposedPorts") : c.putObject("ExposedPorts");
            image.exposedPorts().keySet().forEach(p -> {
                if (!ports.has(p)) {
                    ports.putObject(p);
                }
            });
        }
        c.set("Env", DockerJson.array(mergeEnv(DockerJson.stringsOrEmpty(c, "Env"), image.env())));
        Map<String, String> labels = new LinkedHashMap<>(DockerJson.stringMap(c, "Labels"));
        image.labelsOrEmpty().forEach(labels::putIfAbsent);
        ObjectNode labelNode = c.putObject("Labels");
        labels.forEach(labelNode::put);
        List<String> entrypoint = DockerJson.strings(c, "Entrypoint");
        if (entrypoint == null || entrypoint.isEmpty()) {
            List<String> cmd = DockerJson.strings(c, "Cmd");
            if ((cmd == null || cmd.isEmpty()) && image.cmd() != null) {
                c.set("Cmd", DockerJson.array(image.cmd()));
            }
            if (entrypoint == null && image.entrypoint() != null) {
                c.set("Entrypoint", DockerJson.array(image.entrypoint()));
            }
        }
        mergeHealthcheck(c, image.healthcheck());
        if (isEmpty(c, "WorkingDir") && image.workingDir() != null) {
            c.put("WorkingDir", image.workingDir());
        }
        if (image.volumes() != null && !image.volumes().isEmpty()) {
            ObjectNode volumes = c.has("Volumes") && c.get("Volumes").isObject() ? (ObjectNode) c.get("Volumes")
                    : c.putObject("Volumes");
            image.volumes().keySet().forEach(v -> volumes.putObject(v));
        }
        if (isEmpty(c, "StopSignal") && image.stopSignal() != null) {
            c.put("StopSignal", image.stopSignal());
        }
        if (image.onBuild() != null && !c.has("OnBuild")) {
            c.set("OnBuild", DockerJson.array(image.onBuild()));
        }
        return c;
    }

    /** User entries first; image entries whose key the user did not set follow. */
    static List<String> mergeEnv(List<String> user, List<String> image) {
        List<String> out = new ArrayList<>(user);
        if (image == null) {
            return out;
        }
        for (String entry : image) {
            String key = key(entry);
            if (user.stream().noneMatch(u -> key(u).equals(key))) {
                out.add(entry);
            }
        }
        return out;
    }

    private static String key(String envEntry) {
        int eq = envEntry.indexOf('=');
        return eq < 0 ? envEntry : envEntry.substring(0, eq);
    }

    private static void mergeHealthcheck(ObjectNode c, HealthConfig image) {
        if (image == null) {
            return;
        }
        if (!DockerJson.present(c, "Healthcheck")) {
            c.set("Healthcheck", DockerJson.MAPPER.valueToTree(image));
            return;
        }
        ObjectNode h = (ObjectNode) c.get("Healthcheck");
        if (DockerJson.stringsOrEmpty(h, "Test").isEmpty()) {
            h.set("Test", DockerJson.array(image.test()));
        }
        fillZero(h, "Interval", image.interval());
        fillZero(h, "Timeout", image.timeout());
        fillZero(h, "StartPeriod", image.startPeriod());
        fillZero(h, "StartInterval", image.startInterval());
        fillZero(h, "Retries", image.retries());
    }

    private static void fillZero(ObjectNode h, String field, long imageValue) {
        Long v = DockerJson.longOrNull(h, field);
        if ((v == null || v == 0) && imageValue != 0) {
            h.put(field, imageValue);
        }
    }

    private static boolean isEmpty(JsonNode node, String field) {
        String v = DockerJson.text(node, field);
        return v == null || v.isEmpty();
    }

    /** Docker's Path and Args: entrypoint[0] with the rest of the entrypoint and the cmd, else cmd[0]. */
    public static List<String> commandLine(ObjectNode config) {
        List<String> out = new ArrayList<>(DockerJson.stringsOrEmpty(config, "Entrypoint"));
        out.addAll(DockerJson.stringsOrEmpty(config, "Cmd"));
        if (out.isEmpty()) {
            throw RuntimeError.badRequest("No command specified");
        }
        return out;
    }
}
