package dev.jcompose.runtime.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Pure generator of runc's config.json (OCI runtime spec 1.0.2) with Docker's default security profile. Same
 * inputs, same bytes: lists whose order has no meaning are sorted, so golden files stay stable.
 */
public final class OciSpecGenerator {
    public static final String OCI_VERSION = "1.0.2";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HostPlatform host;
    private final SeccompPolicy seccomp;
    private final String cgroupParent;

    public OciSpecGenerator(HostPlatform host, SeccompPolicy seccomp, String cgroupParent) {
        if (!cgroupParent.startsWith("/")) {
            throw new IllegalArgumentException("cgroup parent must be absolute: " + cgroupParent);
        }
        this.host = host;
        this.seccomp = seccomp;
        this.cgroupParent = cgroupParent.endsWith("/") ? cgroupParent.substring(0, cgroupParent.length() - 1)
                : cgroupParent;
    }

    /** The generator for this host with the bundled seccomp profile and cgroup parent /jcompose. */
    public static OciSpecGenerator forHost() {
        return new OciSpecGenerator(HostPlatform.detect(), SeccompPolicy.bundledDefault(),
                DockerDefaults.CGROUP_PARENT);
    }

    /** The cgroupfs path of a container: {@code <parent>/<id>}. */
    public String cgroupsPath(String containerId) {
        return cgroupParent + "/" + containerId;
    }

    /** config.json text for {@code containerId} (also the cgroup leaf name). */
    public String generateJson(String containerId, ContainerConfig config) {
        try {
            return MAPPER.writeValueAsString(generate(containerId, config)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a generated config", e);
        }
    }

    public ObjectNode generate(String containerId, ContainerConfig config) {
        if (!ID.matcher(containerId).matches()) {
            throw new IllegalArgumentException("invalid container id: \"" + containerId + "\"");
        }
        Path init = null;
        if (config.init()) {
            init = host.initBinary().orElseThrow(() -> new IllegalArgumentException(
                    "init requested but no static init (docker-init or tini-static) exists on this host"));
        }
        List<String> caps = Capabilities.effective(config.security(), host.lastCap());
        boolean privateUts = !(config.namespaces().uts() instanceof NamespaceMode.Host);
        ObjectNode spec = JSON.objectNode();
        spec.put("ociVersion", OCI_VERSION);
        spec.set("process", process(config, caps, privateUts));
        ObjectNode root = spec.putObject("root");
        root.put("path", config.rootfs().toString());
        root.put("readonly", config.readonlyRootfs());
        if (privateUts) {
            spec.put("hostname", config.hostname());
            if (!config.domainname().isEmpty()) {
                spec.put("domainname", config.domainname());
            }
        }
        spec.set("mounts", OciMounts.build(config, init));
        spec.set("linux", linux(containerId, config, caps));
        return spec;
    }

    private ObjectNode process(ContainerConfig config, List<String> caps, boolean privateUts) {
        ObjectNode p = JSON.objectNode();
        p.put("terminal", config.stdio().terminal());
        ObjectNode user = p.putObject("user");
        user.put("uid", config.user().uid());
        user.put("gid", config.user().gid());
        if (!config.user().additionalGids().isEmpty()) {
            ArrayNode gids = user.putArray("additionalGids");
            config.user().additionalGids().forEach(gids::add);
        }
        ArrayNode args = p.putArray("args");
        if (config.init()) {
            args.add(DockerDefaults.INIT_PATH).add("--");
        }
        config.args().forEach(args::add);
        ArrayNode env = p.putArray("env");
        environment(config, privateUts).forEach(env::add);
        p.put("cwd", config.cwd());
        ObjectNode c = p.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode a = c.putArray(set);
            caps.forEach(a::add);
        }
        if (!config.rlimits().isEmpty()) {
            ArrayNode rl = p.putArray("rlimits");
            new TreeMap<String, Rlimit>(toMap(config.rlimits())).values().forEach(r -> rl.addObject()
                    .put("type", r.type()).put("hard", r.hard()).put("soft", r.soft()));
        }
        if (config.security().noNewPrivileges()) {
            p.put("noNewPrivileges", true);
        }
        if (config.oomScoreAdj() != null) {
            p.put("oomScoreAdj", config.oomScoreAdj());
        }
        return p;
    }

    /** Docker's order: PATH and HOSTNAME first; the container's own entries replace or append. */
    private static List<String> environment(ContainerConfig config, boolean privateUts) {
        LinkedHashMap<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "PATH=" + DockerDefaults.DEFAULT_PATH);
        if (privateUts && !config.hostname().isEmpty()) {
            env.put("HOSTNAME", "HOSTNAME=" + config.hostname());
        }
        for (String e : config.env()) {
            env.put(e.substring(0, e.indexOf('=')), e);
        }
        return new ArrayList<>(env.values());
    }

    private static Map<String, Rlimit> toMap(List<Rlimit> rlimits) {
        Map<String, Rlimit> m = new LinkedHashMap<>();
        rlimits.forEach(r -> m.put(r.type(), r)); // a later ulimit of the same type wins
        return m;
    }

    private ObjectNode linux(String containerId, ContainerConfig config, List<String> caps) {
        ObjectNode linux = JSON.objectNode();
        Map<String, String> sysctls = new TreeMap<>();
        if (!(config.namespaces().network() instanceof NamespaceMode.Host)) {
            sysctls.putAll(DockerDefaults.NETWORK_SYSCTLS);
        }
        sysctls.putAll(config.sysctls());
        if (!sysctls.isEmpty()) {
            ObjectNode s = linux.putObject("sysctl");
            sysctls.forEach(s::put);
        }
        linux.set("resources", OciResources.build(config));
        linux.put("cgroupsPath", cgroupsPath(containerId));
        linux.set("namespaces", namespaces(config.namespaces()));
        if (!config.resources().devices().isEmpty()) {
            ArrayNode devices = linux.putArray("devices");
            for (DeviceNode d : config.resources().devices()) {
                devices.addObject().put("path", d.path()).put("type", d.type()).put("major", d.major())
                        .put("minor", d.minor()).put("fileMode", d.fileMode()).put("uid", d.uid())
                        .put("gid", d.gid());
            }
        }
        SecurityOptions security = config.security();
        if (!security.privileged() && security.seccomp() == SecurityOptions.Seccomp.DEFAULT) {
            linux.set("seccomp", seccomp.resolve(caps, host));
        }
        if (!security.privileged()) {
            ArrayNode masked = linux.putArray("maskedPaths");
            DockerDefaults.MASKED_PATHS.forEach(masked::add);
            ArrayNode ro = linux.putArray("readonlyPaths");
            DockerDefaults.READONLY_PATHS.forEach(ro::add);
        }
        return linux;
    }

    private ArrayNode namespaces(Namespaces ns) {
        ArrayNode out = JSON.arrayNode();
        out.addObject().put("type", "mount");
        add(out, "network", ns.network());
        add(out, "uts", ns.uts());
        add(out, "pid", ns.pid());
        add(out, "ipc", ns.ipc());
        if (host.cgroupV2()) {
            out.addObject().put("type", "cgroup");
        }
        return out;
    }

    private static void add(ArrayNode out, String type, NamespaceMode mode) {
        switch (mode) {
            case NamespaceMode.Private p -> out.addObject().put("type", type);
            case NamespaceMode.Join j -> out.addObject().put("type", type).put("path", j.path().toString());
            case NamespaceMode.Host h -> { } // no entry: the container stays in the host's namespace
        }
    }
}
