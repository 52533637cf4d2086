package dev.jcompose.runtime.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code mounts} array: Docker's defaults first (minus those a user mount replaces), then user mounts. */
final class OciMounts {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OciMounts() {}

    static ArrayNode build(ContainerConfig config, Path initBinary) {
        boolean hostIpc = config.namespaces().ipc() instanceof NamespaceMode.Host;
        Set<String> userDestinations = new HashSet<>();
        config.mounts().forEach(m -> userDestinations.add(clean(m.destination())));
        ArrayNode out = JSON.arrayNode();
        for (DockerDefaults.DefaultMount d : DockerDefaults.mounts(config.security().privileged(), hostIpc,
                config.shmSizeBytes())) {
            // like Docker: a user mount on the same place, or on /dev for the /dev/* ones, replaces the default
            boolean replaced = userDestinations.contains(d.destination())
                    || (d.destination().startsWith("/dev/") && userDestinations.contains("/dev"));
            if (!replaced) {
                out.add(mount(d.destination(), d.type(), d.source(), d.options()));
            }
        }
        // parents before children, else a later mount would hide an earlier one; stable for equal depth
        List<MountSpec> user = new ArrayList<>(config.mounts());
        user.sort(Comparator.comparingInt(m -> depth(m.destination())));
        for (MountSpec m : user) {
            out.add(switch (m) {
                case MountSpec.Bind b -> bind(b, config.readonlyRootfs());
                case MountSpec.Tmpfs t -> tmpfs(t);
            });
        }
        if (config.init()) {
            out.add(mount(DockerDefaults.INIT_PATH, "bind", initBinary.toString(), List.of("bind", "ro")));
        }
        return out;
    }

    private static ObjectNode bind(MountSpec.Bind b, boolean readonlyRootfs) {
        List<String> options = new ArrayList<>();
        options.add(b.recursive() ? "rbind" : "bind");
        if (b.readOnly() || (b.readOnlyWithRootfs() && readonlyRootfs)) {
            options.add("ro");
        }
        options.add(b.propagation().option());
        return mount(clean(b.destination()), "bind", b.source().toString(), options);
    }

    private static ObjectNode tmpfs(MountSpec.Tmpfs t) {
        List<String> options = new ArrayList<>(List.of("noexec", "nosuid", "nodev"));
        if (t.readOnly()) {
            options.add("ro");
        }
        if (t.sizeBytes() != null) {
            options.add("size=" + t.sizeBytes());
        }
        if (t.mode() != null) {
            options.add("mode=" + Integer.toOctalString(t.mode()));
        }
        options.addAll(t.extraOptions());
        return mount(clean(t.destination()), "tmpfs", "tmpfs", options);
    }

    private static ObjectNode mount(String destination, String type, String source, List<String> options) {
        ObjectNode m = JSON.objectNode();
        m.put("destination", destination);
        m.put("type", type);
        m.put("source", source);
        ArrayNode o = m.putArray("options");
        options.forEach(o::add);
        return m;
    }

    static String clean(String destination) {
        String p = Path.of(destination).normalize().toString();
        return p.isEmpty() ? "/" : p;
    }

    private static int depth(String destination) {
        return Path.of(clean(destination)).getNameCount();
    }
}
