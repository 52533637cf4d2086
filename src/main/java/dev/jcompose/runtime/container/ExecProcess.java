package dev.jcompose.runtime.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OCI process object for {@code runc exec}: the container's own process (capabilities, rlimits,
 * no_new_privileges, user, cwd, env) with the exec's command and overrides, like {@code docker exec}.
 */
final class ExecProcess {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecProcess() {}

    static String json(Path containerConfigJson, ExecSpec spec) throws IOException {
        return json(containerConfigJson, spec, false);
    }

    /** With {@code terminal}, runc gives the process a pty (and needs a console socket to hand the master to). */
    static String json(Path containerConfigJson, ExecSpec spec, boolean terminal) throws IOException {
        JsonNode config = JSON.readTree(containerConfigJson.toFile());
        ObjectNode process = ((ObjectNode) config.path("process")).deepCopy();
        process.put("terminal", terminal);
        ArrayNode args = process.putArray("args");
        spec.args().forEach(args::add);
        Map<String, String> env = new LinkedHashMap<>();
        process.path("env").forEach(e -> put(env, e.asText()));
        spec.env().forEach(e -> put(env, e));
        ArrayNode envOut = process.putArray("env");
        env.values().forEach(envOut::add);
        if (spec.cwd() != null) {
            process.put("cwd", spec.cwd());
        }
        if (spec.user() != null) {
            ObjectNode user = process.putObject("user");
            user.put("uid", spec.user().uid());
            user.put("gid", spec.user().gid());
            if (!spec.user().additionalGids().isEmpty()) {
                ArrayNode gids = user.putArray("additionalGids");
                spec.user().additionalGids().forEach(gids::add);
            }
        }
        process.remove("oomScoreAdj"); // the container's cgroup/process already has it; exec inherits
        return JSON.writeValueAsString(process);
    }

    private static void put(Map<String, String> env, String entry) {
        int eq = entry.indexOf('=');
        env.put(eq < 0 ? entry : entry.substring(0, eq), entry);
    }
}
