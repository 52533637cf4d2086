package dev.jcompose.load.bind;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.model.Build;
import dev.jcompose.model.DependsOn;
import dev.jcompose.model.FileReference;
import dev.jcompose.model.Healthcheck;
import dev.jcompose.model.Logging;
import dev.jcompose.model.Mount;
import dev.jcompose.model.PortSpec;
import dev.jcompose.model.Resources;
import dev.jcompose.model.Service;
import dev.jcompose.model.ServiceNetwork;
import dev.jcompose.model.Ulimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One canonical service → {@link Service}; {@code definition} is the service's plain canonical tree. */
final class ServiceBinder {
    private ServiceBinder() {
    }

    @SuppressWarnings("unchecked")
    static Service bind(String name, MapNode node) {
        Read s = new Read(node, KeyPath.of("services", name));
        Read deploy = s.sub("deploy");
        Long replicas = deploy.longOrNull("replicas");
        Long scale = s.longOrNull("scale") != null ? s.longOrNull("scale") : replicas;
        return new Service(
                name,
                s.string("image"),
                s.has("build") ? build(s.sub("build")) : null,
                s.string("pull_policy"),
                s.string("platform"),
                s.listOrNull("command"),
                s.listOrNull("entrypoint"),
                s.strings("environment"),
                s.strings("labels"),
                s.strings("annotations"),
                s.items("ports").stream().map(ServiceBinder::port).toList(),
                s.list("expose"),
                s.items("volumes").stream().map(ServiceBinder::mount).toList(),
                s.list("volumes_from"),
                networks(s),
                s.string("network_mode"),
                dependsOn(s),
                s.list("links"),
                s.has("healthcheck") ? healthcheck(s.sub("healthcheck")) : null,
                s.string("restart"),
                s.string("container_name"),
                s.string("hostname"),
                s.string("domainname"),
                s.string("user"),
                s.string("working_dir"),
                s.bool("privileged"),
                s.bool("read_only"),
                s.boolOrNull("init"),
                s.bool("tty"),
                s.bool("stdin_open"),
                s.list("cap_add"),
                s.list("cap_drop"),
                s.list("dns"),
                s.list("dns_search"),
                s.list("dns_opt"),
                dockerHosts(s.list("extra_hosts")),
                s.list("security_opt"),
                s.list("group_add"),
                s.list("tmpfs"),
                s.items("devices").stream().map(d -> device(d)).toList(),
                s.strings("sysctls"),
                ulimits(s),
                s.string("stop_signal"),
                s.durationOrNull("stop_grace_period"),
                resources(s, deploy.sub("resources")),
                scale == null ? 1 : Math.toIntExact(scale),
                s.list("profiles"),
                s.has("logging") ? new Logging(s.sub("logging").string("driver"),
                        s.sub("logging").strings("options")) : null,
                s.items("secrets").stream().map(ServiceBinder::fileReference).toList(),
                s.items("configs").stream().map(ServiceBinder::fileReference).toList(),
                s.string("ipc"),
                s.string("pid"),
                s.string("mac_address"),
                (Map<String, Object>) Nodes.toPlain(node));
    }

    private static Build build(Read b) {
        return new Build(b.string("context"), b.string("dockerfile"), b.string("dockerfile_inline"),
                b.strings("args"), b.string("target"), b.strings("labels"), b.list("tags"), b.list("cache_from"),
                b.bool("no_cache"), b.bool("pull"), b.string("network"), b.bytesOrNull("shm_size"),
                dockerHosts(b.list("extra_hosts")), b.strings("additional_contexts"));
    }

    private static PortSpec port(Read p) {
        Long target = p.longOrNull("target");
        return new PortSpec(p.string("name"), target == null ? 0 : Math.toIntExact(target), p.string("published"),
                p.string("host_ip"), p.string("protocol"), p.string("mode"), p.string("app_protocol"));
    }

    private static Mount mount(Read v) {
        Read bind = v.sub("bind");
        Read volume = v.sub("volume");
        Read tmpfs = v.sub("tmpfs");
        Boolean createHostPath = v.has("bind") ? !Boolean.FALSE.equals(bind.boolOrNull("create_host_path")) : null;
        Long mode = tmpfs.longOrNull("mode");
        return new Mount(v.string("type"), v.string("source"), v.string("target"), v.bool("read_only"),
                v.string("consistency"), createHostPath, bind.string("propagation"), bind.string("selinux"),
                v.has("volume") ? volume.bool("nocopy") : null, volume.string("subpath"), tmpfs.bytesOrNull("size"),
                mode == null ? null : Math.toIntExact(mode));
    }

    private static Map<String, ServiceNetwork> networks(Read s) {
        Map<String, ServiceNetwork> out = new LinkedHashMap<>();
        s.entries("networks").forEach((key, n) -> {
            if (!n.has("aliases") && n.node().size() == 0) {
                out.put(key, ServiceNetwork.DEFAULT);
                return;
            }
            Long priority = n.longOrNull("priority");
            out.put(key, new ServiceNetwork(n.list("aliases"), n.string("ipv4_address"), n.string("ipv6_address"),
                    priority == null ? 0 : Math.toIntExact(priority), n.string("mac_address")));
        });
        return out;
    }

    private static Map<String, DependsOn> dependsOn(Read s) {
        Map<String, DependsOn> out = new LinkedHashMap<>();
        s.entries("depends_on").forEach((key, d) -> out.put(key, new DependsOn(
                d.string("condition") == null ? DependsOn.STARTED : d.string("condition"), d.bool("restart"),
                !Boolean.FALSE.equals(d.boolOrNull("required")))));
        return out;
    }

    private static Healthcheck healthcheck(Read h) {
        List<String> test = h.list("test");
        Long retries = h.longOrNull("retries");
        boolean disable = h.bool("disable") || test.size() == 1 && "NONE".equals(test.get(0));
        return new Healthcheck(test, h.durationOrNull("interval"), h.durationOrNull("timeout"),
                retries == null ? null : Math.toIntExact(retries), h.durationOrNull("start_period"),
                h.durationOrNull("start_interval"), disable);
    }

    /** Docker's --device form SOURCE:TARGET:PERMISSIONS. */
    private static String device(Read d) {
        String source = d.string("source");
        String target = d.string("target") == null ? source : d.string("target");
        String perms = d.string("permissions") == null ? "rwm" : d.string("permissions");
        return source + ":" + target + ":" + perms;
    }

    /** The canonical "host=ip" entries in the engine API's "host:ip" form. */
    private static List<String> dockerHosts(List<String> hosts) {
        List<String> out = new ArrayList<>(hosts.size());
        for (String h : hosts) {
            int eq = h.indexOf('=');
            out.add(eq < 0 ? h : h.substring(0, eq) + ":" + h.substring(eq + 1));
        }
        return out;
    }

    private static Map<String, Ulimit> ulimits(Read s) {
        Map<String, Ulimit> out = new LinkedHashMap<>();
        if (s.node().get("ulimits") instanceof MapNode m) {
            Read all = s.sub("ulimits");
            m.entries().forEach((key, v) -> {
                if (v instanceof MapNode) {
                    Read r = all.sub(key);
                    out.put(key, new Ulimit(orZero(r.longOrNull("soft")), orZero(r.longOrNull("hard"))));
                } else {
                    long single = orZero(all.longOrNull(key));
                    out.put(key, new Ulimit(single, single));
                }
            });
        }
        return out;
    }

    /** The short attributes win when both are given (the consistency check rejects differing values). */
    private static Resources resources(Read s, Read deployResources) {
        Read limits = deployResources.sub("limits");
        Read reservations = deployResources.sub("reservations");
        Long memory = first(s.bytesOrNull("mem_limit"), limits.bytesOrNull("memory"));
        Long reservation = first(s.bytesOrNull("mem_reservation"), reservations.bytesOrNull("memory"));
        Double cpus = s.doubleOrNull("cpus") != null ? s.doubleOrNull("cpus") : limits.doubleOrNull("cpus");
        Long pids = first(s.longOrNull("pids_limit"), limits.longOrNull("pids"));
        Resources r = new Resources(memory, reservation, cpus, s.longOrNull("cpu_shares"), pids,
                s.bytesOrNull("shm_size"));
        return r.equals(Resources.NONE) ? Resources.NONE : r;
    }

    private static FileReference fileReference(Read f) {
        String mode = f.string("mode");
        Integer m = null;
        if (mode != null) {
            try {
                m = Integer.parseInt(mode, 8);
            } catch (NumberFormatException e) {
                throw f.fail("mode", "invalid file mode \"" + mode + "\"");
            }
        }
        return new FileReference(f.string("source"), f.string("target"), f.string("uid"), f.string("gid"), m);
    }

    private static Long first(Long a, Long b) {
        return a != null ? a : b;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
