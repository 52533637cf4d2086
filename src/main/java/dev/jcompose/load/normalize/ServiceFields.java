package dev.jcompose.load.normalize;

import static dev.jcompose.load.normalize.Fields.bool;
import static dev.jcompose.load.normalize.Fields.boolPtr;
import static dev.jcompose.load.normalize.Fields.bytes;
import static dev.jcompose.load.normalize.Fields.duration;
import static dev.jcompose.load.normalize.Fields.durationPtr;
import static dev.jcompose.load.normalize.Fields.integer;
import static dev.jcompose.load.normalize.Fields.intPtr;
import static dev.jcompose.load.normalize.Fields.listOf;
import static dev.jcompose.load.normalize.Fields.mapping;
import static dev.jcompose.load.normalize.Fields.mappingWithEquals;
import static dev.jcompose.load.normalize.Fields.number;
import static dev.jcompose.load.normalize.Fields.shellCommand;
import static dev.jcompose.load.normalize.Fields.string;
import static dev.jcompose.load.normalize.Fields.stringList;
import static dev.jcompose.load.normalize.Fields.stringOrList;
import static dev.jcompose.load.normalize.Fields.struct;
import static dev.jcompose.load.normalize.Fields.structOmitEmpty;
import static dev.jcompose.load.normalize.Fields.table;
import static dev.jcompose.load.normalize.Scalars.isNull;
import static dev.jcompose.load.normalize.Scalars.str;

import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.util.List;
import java.util.Map;

/**
 * The table of service attributes and how each reaches the form compose-go's ServiceConfig prints. Unknown
 * attributes and x-* extensions pass through unchanged.
 */
final class ServiceFields {
    private ServiceFields() {
    }

    static Map<String, Field> service(boolean lenient) {
        return table(
                "profiles", stringList(),
                "annotations", mapping(),
                "attach", boolPtr(),
                "build", build(),
                "develop", struct(table("watch", listOf(struct(table(
                        "action", string(), "target", string(), "exec", structOmitEmpty(hook()),
                        "include", stringOrList(), "ignore", stringOrList(), "initial_sync", bool()))))),
                "blkio_config", struct(table("weight", integer(),
                        "weight_device", listOf(struct(table("weight", integer()))),
                        "device_read_bps", throttle(), "device_read_iops", throttle(),
                        "device_write_bps", throttle(), "device_write_iops", throttle())),
                "cap_add", stringList(),
                "cap_drop", stringList(),
                "cgroup_parent", string(),
                "cgroup", string(),
                "cpu_count", integer(),
                "cpu_percent", number(),
                "cpu_period", integer(),
                "cpu_quota", integer(),
                "cpu_rt_period", integerOrText(),
                "cpu_rt_runtime", integerOrText(),
                "cpus", number(),
                "cpuset", string(),
                "cpu_shares", integer(),
                "command", shellCommand(),
                "configs", ShortSyntax.fileMount(fileReference(), false),
                "container_name", string(),
                "credential_spec", struct(table("config", string(), "file", string(), "registry", string())),
                "depends_on", ShortSyntax.dependsOn(dependency()),
                "deploy", struct(deploy()),
                "device_cgroup_rules", stringList(),
                "devices", ShortSyntax.devices(lenient),
                "dns", dns(),
                "dns_opt", stringList(),
                "dns_search", stringOrList(),
                "dockerfile", string(),
                "domainname", string(),
                "entrypoint", shellCommand(),
                "provider", struct(table("type", string(), "options", multiOptions())),
                "environment", mappingWithEquals(),
                "env_file", ShortSyntax.envFile(),
                "expose", stringOrList(),
                "extends", extendsField(),
                "external_links", stringList(),
                "extra_hosts", ShortSyntax.extraHosts(),
                "group_add", stringList(),
                "gpus", ShortSyntax.gpus(deviceRequest()),
                "hostname", string(),
                "healthcheck", struct(table(
                        "test", ShortSyntax.healthcheckTest(),
                        "timeout", durationPtr(),
                        "interval", durationPtr(),
                        "retries", intPtr(),
                        "start_period", durationPtr(),
                        "start_interval", durationPtr(),
                        "disable", bool())),
                "image", string(),
                "init", boolPtr(),
                "ipc", string(),
                "isolation", string(),
                "labels", mapping(),
                "label_file", stringOrList(),
                "links", stringList(),
                "logging", struct(table("driver", string(), "options", mapping())),
                "log_driver", string(),
                "log_opt", mapping(),
                "mem_limit", bytes(),
                "mem_reservation", bytes(),
                "memswap_limit", bytes(),
                "mem_swappiness", bytes(),
                "mac_address", string(),
                "models", ShortSyntax.namesToMap(struct(table("endpoint_var", string(), "model_var", string()))),
                "net", string(),
                "network_mode", string(),
                "networks", ShortSyntax.namesToMap(struct(serviceNetwork())),
                "oom_kill_disable", bool(),
                "oom_score_adj", integer(),
                "pid", string(),
                "pids_limit", integer(),
                "platform", string(),
                "ports", ShortSyntax.ports(lenient, longPort()),
                "privileged", bool(),
                "pull_policy", string(),
                "read_only", bool(),
                "restart", string(),
                "runtime", string(),
                "scale", intPtr(),
                "secrets", ShortSyntax.fileMount(fileReference(), true),
                "security_opt", stringList(),
                "shm_size", bytes(),
                "stdin_open", bool(),
                "stop_grace_period", durationPtr(),
                "stop_signal", string(),
                "storage_opt", mapping(),
                "sysctls", mapping(),
                "tmpfs", stringOrList(),
                "tty", bool(),
                "ulimits", ShortSyntax.ulimits(),
                "use_api_socket", bool(),
                "user", string(),
                "userns_mode", string(),
                "uts", string(),
                "volume_driver", string(),
                "volumes", volumes(lenient),
                "volumes_from", stringList(),
                "working_dir", string(),
                "post_start", listOf(struct(hook())),
                "pre_stop", listOf(struct(hook())),
                "pre_start", listOf(struct(hook())));
    }

    private static Field build() {
        Field struct = struct(table(
                "context", string(),
                "dockerfile", string(),
                "dockerfile_inline", string(),
                "entitlements", stringList(),
                "args", mappingWithEquals(),
                "provenance", string(),
                "sbom", string(),
                "ssh", ShortSyntax.ssh(),
                "labels", mapping(),
                "cache_from", stringOrList(),
                "cache_to", stringOrList(),
                "no_cache", bool(),
                "no_cache_filter", stringOrList(),
                "additional_contexts", mapping(),
                "pull", bool(),
                "extra_hosts", ShortSyntax.extraHosts(),
                "isolation", string(),
                "network", string(),
                "target", string(),
                "secrets", ShortSyntax.fileMount(fileReference(), false),
                "shm_size", bytes(),
                "tags", stringOrList(),
                "ulimits", ShortSyntax.ulimits(),
                "platforms", stringOrList(),
                "privileged", bool()));
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            MapNode m = v instanceof ScalarNode s
                    ? MapNode.builder(v.mark()).put("context", str(v, Scalars.string(s, p))).build()
                    : Scalars.map(v, p);
            if (!m.has("context")) {
                m = m.with("context", str(m, "."));
            }
            return struct.apply(m, p);
        };
    }

    private static Field extendsField() {
        Field struct = struct(table("file", string(), "service", string()));
        return (v, p) -> v instanceof ScalarNode s && !s.isNull()
                ? MapNode.builder(v.mark()).put("service", str(v, Scalars.string(s, p))).build()
                : struct.apply(v, p);
    }

    static Map<String, Field> fileReference() {
        return table("source", string(), "target", string(), "uid", string(), "gid", string(),
                "mode", Fields.fileMode());
    }

    private static Field dependency() {
        Map<String, Field> t = table("condition", string(), "restart", bool(), "required", boolPtr());
        return (v, p) -> {
            MapNode m = Scalars.map(v, p);
            if (!m.has("condition")) {
                m = m.with("condition", str(m, "service_started"));
            }
            if (!m.has("required") || isNull(m.get("required"))) {
                m = m.with("required", ScalarNode.of(m.mark(), true));
            }
            return Fields.convertStruct(m, p, t);
        };
    }

    private static Map<String, Field> deploy() {
        Field update = struct(table("parallelism", intPtr(), "delay", duration(), "failure_action", string(),
                "monitor", duration(), "max_failure_ratio", number(), "order", string()));
        Field resource = struct(table("cpus", number(), "memory", bytes(), "pids", integer(),
                "devices", listOf(deviceRequest()),
                "generic_resources", listOf(struct(table("discrete_resource_spec",
                        struct(table("kind", Fields.raw(), "value", intPtr())))))));
        return table(
                "mode", string(),
                "replicas", intPtr(),
                "labels", mapping(),
                "update_config", update,
                "rollback_config", update,
                "resources", structOmitEmpty(table("limits", resource, "reservations", resource)),
                "restart_policy", struct(table("condition", string(), "delay", durationPtr(),
                        "max_attempts", intPtr(), "window", durationPtr())),
                "placement", structOmitEmpty(table("constraints", stringList(),
                        "preferences", listOf(struct(table("spread", string()))),
                        "max_replicas_per_node", integer())),
                "endpoint_mode", string());
    }

    /** A device request (gpus, deploy.resources.reservations.devices); count "all" is printed as -1. */
    static Field deviceRequest() {
        Map<String, Field> t = table("capabilities", stringList(), "driver", string(), "count", (Field) (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            long n = v instanceof ScalarNode s && s.value() instanceof String text
                    && text.trim().equalsIgnoreCase("all") ? -1 : Scalars.integer(v, p);
            return n == 0 ? null : ScalarNode.of(v.mark(), n);
        }, "device_ids", stringList(), "options", mapping());
        return (v, p) -> {
            MapNode m = Scalars.map(v, p);
            if (!m.has("count") && !m.has("device_ids")) {
                m = m.with("count", str(m, "all"));
            }
            return Fields.convertStruct(m, p, t);
        };
    }

    private static Map<String, Field> serviceNetwork() {
        return table("aliases", stringList(), "driver_opts", mapping(), "gw_priority", integer(),
                "interface_name", string(), "ipv4_address", string(), "ipv6_address", string(),
                "link_local_ips", stringList(), "mac_address", string(), "priority", integer());
    }

    private static Field longPort() {
        Map<String, Field> t = table("name", string(), "mode", string(), "host_ip", string(), "target", integer(),
                "published", string(), "protocol", string(), "app_protocol", string());
        return (v, p) -> {
            MapNode m = (MapNode) v;
            if (!m.has("protocol")) {
                m = m.with("protocol", str(m, "tcp"));
            }
            if (!m.has("mode")) {
                m = m.with("mode", str(m, "ingress"));
            }
            return Fields.convertStruct(m, p, t);
        };
    }

    private static Field volumes(boolean lenient) {
        Map<String, Field> t = table(
                "type", string(),
                "source", string(),
                "target", string(),
                "read_only", bool(),
                "consistency", string(),
                "bind", struct(table("selinux", string(), "propagation", string(),
                        "create_host_path", (Field) (v, p) -> isNull(v) || Scalars.bool(v, p) ? null
                                : ScalarNode.of(v.mark(), false),
                        "recursive", string())),
                "volume", struct(table("labels", mapping(), "nocopy", bool(), "subpath", string())),
                "tmpfs", struct(table("size", bytes(), "mode", integer())),
                "image", struct(table("subpath", string())));
        return listOf((v, p) -> v instanceof MapNode m ? Fields.convertStruct(m, p, t)
                : ShortSyntax.volume(v, p, lenient));
    }

    private static Map<String, Field> hook() {
        return table("command", shellCommand(), "image", string(), "user", string(), "privileged", bool(),
                "working_dir", string(), "environment", mappingWithEquals(), "per_replica", bool());
    }

    private static Field throttle() {
        return listOf(struct(table("rate", bytes())));
    }

    /** dns: a string or a list, with empty entries dropped (compose-go's OmitEmpty). */
    private static Field dns() {
        Field list = stringOrList();
        return (v, p) -> {
            Node out = list.apply(v, p);
            if (out instanceof SeqNode s) {
                List<Node> kept = s.items().stream()
                        .filter(n -> !(n instanceof ScalarNode sc && Scalars.text(sc.value()).isEmpty())).toList();
                return kept.isEmpty() ? null : s.withItems(kept);
            }
            return out;
        };
    }

    /** A number when it is one, else the text as written ("400ms" for cpu_rt_runtime). */
    private static Field integerOrText() {
        Field integer = integer();
        return (v, p) -> {
            if (v instanceof ScalarNode s && s.value() instanceof String text && !text.trim().matches("-?\\d+")) {
                return text.isEmpty() ? null : v;
            }
            return integer.apply(v, p);
        };
    }

    private static Field multiOptions() {
        return Fields.mapOf((v, p) -> {
            if (v instanceof SeqNode s) {
                return SeqNode.of(v.mark(), s.items().stream().map(n -> (Node) str(n, Scalars.string(n, p)))
                        .toList());
            }
            return SeqNode.of(v.mark(), List.of(str(v, Scalars.string(v, p))));
        });
    }
}
