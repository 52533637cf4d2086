package dev.jcompose.load.bind;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.model.FileObject;
import dev.jcompose.model.Network;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.model.Volume;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Binds the canonical tree to the immutable model records. */
public final class Binder {
    private Binder() {
    }

    public static Project bind(String projectName, Path projectDir, List<Path> configFiles, MapNode canonical,
            MapNode disabledServices, Map<String, String> environment) {
        Read root = new Read(canonical, KeyPath.ROOT);
        Map<String, Service> services = services(canonical.get("services"));
        Map<String, Service> disabled = services(disabledServices);
        Map<String, Network> networks = new TreeMap<>();
        root.entries("networks").forEach((key, n) -> networks.put(key, network(projectName, key, n)));
        Map<String, Volume> volumes = new TreeMap<>();
        root.entries("volumes").forEach((key, v) -> volumes.put(key, new Volume(key,
                name(projectName, key, v), v.string("driver"), v.strings("driver_opts"), v.bool("external"),
                v.strings("labels"))));
        Map<String, FileObject> secrets = new TreeMap<>();
        root.entries("secrets").forEach((key, f) -> secrets.put(key, fileObject(projectName, key, f)));
        Map<String, FileObject> configs = new TreeMap<>();
        root.entries("configs").forEach((key, f) -> configs.put(key, fileObject(projectName, key, f)));
        return new Project(projectName, projectDir, configFiles, new TreeMap<>(services), new TreeMap<>(disabled),
                new TreeMap<>(networks), new TreeMap<>(volumes), new TreeMap<>(secrets), new TreeMap<>(configs),
                environment, definition(canonical));
    }

    private static Map<String, Service> services(Object node) {
        Map<String, Service> out = new TreeMap<>();
        if (node instanceof MapNode m) {
            m.entries().forEach((name, s) -> {
                if (s instanceof MapNode service) {
                    out.put(name, ServiceBinder.bind(name, service));
                }
            });
        }
        return out;
    }

    private static Network network(String project, String key, Read n) {
        Read ipam = n.sub("ipam");
        List<Network.IpamPool> pools = ipam.items("config").stream().map(p -> new Network.IpamPool(
                p.string("subnet"), p.string("gateway"), p.string("ip_range"), p.strings("aux_addresses"))).toList();
        return new Network(key, name(project, key, n), n.string("driver"), n.strings("driver_opts"),
                ipam.string("driver"), pools, n.bool("internal"), n.bool("attachable"), n.boolOrNull("enable_ipv6"),
                n.bool("external"), n.strings("labels"));
    }

    private static FileObject fileObject(String project, String key, Read f) {
        return new FileObject(key, name(project, key, f), f.string("file"), f.string("environment"),
                f.string("content"), f.bool("external"), f.strings("labels"));
    }

    /** The engine-side name; the normaliser sets it, this covers trees bound without normalisation. */
    private static String name(String project, String key, Read r) {
        String name = r.string("name");
        if (name != null) {
            return name;
        }
        return r.bool("external") ? key : project + "_" + key;
    }

    /** The plain canonical tree; top-level keys without a value (a bare x-extension) are left out. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> definition(MapNode canonical) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<String, Object>) Nodes.toPlain(canonical)).forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
