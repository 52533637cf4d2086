package dev.jcompose.load.normalize;

import static dev.jcompose.load.normalize.Scalars.isNull;
import static dev.jcompose.load.normalize.Scalars.str;
import static dev.jcompose.load.normalize.Scalars.where;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Short syntax → long syntax for the service attributes whose short form is a string: ports, volumes,
 * depends_on, env_file, secrets/configs, devices, extra_hosts, healthcheck.test, networks, ulimits, gpus.
 * {@code lenient} keeps unparsable strings as written (config --no-interpolate leaves ${VAR} inside them).
 */
final class ShortSyntax {
    private ShortSyntax() {
    }

    static Field ports(boolean lenient, Field longPort) {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            SeqNode seq = Scalars.seq(v, p);
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < seq.size(); i++) {
                Node item = seq.get(i);
                KeyPath at = p.index(i);
                if (item instanceof MapNode) {
                    out.add(longPort.apply(item, at));
                    continue;
                }
                String spec = Scalars.string(item, at);
                List<PortSyntax.Port> parsed;
                try {
                    parsed = PortSyntax.parse(spec);
                } catch (IllegalArgumentException e) {
                    if (lenient) {
                        return v;
                    }
                    throw where(item, at).error("invalid port \"" + spec + "\": " + e.getMessage());
                }
                for (PortSyntax.Port port : parsed) {
                    MapNode.Builder b = MapNode.builder(item.mark());
                    b.put("mode", str(item, "ingress"));
                    if (!port.hostIp().isEmpty()) {
                        b.put("host_ip", str(item, port.hostIp()));
                    }
                    b.put("target", ScalarNode.of(item.mark(), port.target()));
                    if (!port.published().isEmpty()) {
                        b.put("published", str(item, port.published()));
                    }
                    b.put("protocol", str(item, port.protocol()));
                    out.add(b.build());
                }
            }
            return out.isEmpty() ? null : SeqNode.of(v.mark(), out);
        };
    }

    /** One short volume string as the long syntax compose-go prints ({@code bind: {}} / {@code volume: {}}). */
    static Node volume(Node item, KeyPath at, boolean lenient) {
        String spec = Scalars.string(item, at);
        VolumeSyntax.Spec s;
        try {
            s = VolumeSyntax.parse(spec);
        } catch (IllegalArgumentException e) {
            if (lenient) {
                return item;
            }
            throw where(item, at).error(e.getMessage());
        }
        MapNode.Builder b = MapNode.builder(item.mark());
        b.put("type", str(item, s.type));
        if (!s.source.isEmpty()) {
            b.put("source", str(item, s.source));
        }
        b.put("target", str(item, s.target.isEmpty() ? "" : GoPath.clean(s.target)));
        if (s.readOnly) {
            b.put("read_only", ScalarNode.of(item.mark(), true));
        }
        if (s.type.equals("bind") || s.selinux != null || s.propagation != null) {
            MapNode.Builder bind = MapNode.builder(item.mark());
            if (s.selinux != null) {
                bind.put("selinux", str(item, s.selinux));
            }
            if (s.propagation != null) {
                bind.put("propagation", str(item, s.propagation));
            }
            b.put("bind", bind.build());
        }
        if (s.type.equals("volume") || s.noCopy) {
            MapNode.Builder vol = MapNode.builder(item.mark());
            if (s.noCopy) {
                vol.put("nocopy", ScalarNode.of(item.mark(), true));
            }
            b.put("volume", vol.build());
        }
        return b.build();
    }

    /** depends_on: a list becomes a map; every entry gets condition service_started and required true. */
    static Field dependsOn(Field entry) {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            MapNode.Builder b = MapNode.builder(v.mark());
            if (v instanceof SeqNode seq) {
                for (int i = 0; i < seq.size(); i++) {
                    Node item = seq.get(i);
                    String name = Scalars.string(item, p.index(i));
                    b.put(name, item.mark(), entry.apply(MapNode.empty(item.mark()), p.key(name)));
                }
            } else {
                MapNode m = Scalars.map(v, p);
                for (var e : m.entries().entrySet()) {
                    Node val = isNull(e.getValue()) ? MapNode.empty(e.getValue().mark()) : e.getValue();
                    b.put(e.getKey(), m.keyMark(e.getKey()), entry.apply(val, p.key(e.getKey())));
                }
            }
            MapNode out = Fields.sortedKeys(b.build());
            return out.size() == 0 ? null : out;
        };
    }

    /** env_file: a string or a list of strings/{path, required, format}; required: true is left implicit. */
    static Field envFile() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            List<Node> items = v instanceof SeqNode seq ? seq.items() : List.of(v);
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                KeyPath at = v instanceof SeqNode ? p.index(i) : p;
                MapNode.Builder b = MapNode.builder(item.mark());
                if (item instanceof MapNode m) {
                    // required: true is the default, printed only when false (compose-go's OptOut).
                    Field required = (r, rp) -> Scalars.isNull(r) || Scalars.bool(r, rp) ? null
                            : ScalarNode.of(r.mark(), false);
                    out.add(Fields.convertStruct(m, at, Fields.table("path", Fields.string(), "required", required,
                            "format", Fields.string())));
                    continue;
                } else {
                    b.put("path", str(item, Scalars.string(item, at)));
                }
                out.add(b.build());
            }
            return out.isEmpty() ? null : SeqNode.of(v.mark(), out);
        };
    }

    /** secrets/configs of a service: a name becomes {source}; secrets get target /run/secrets/SOURCE. */
    static Field fileMount(Map<String, Field> table, boolean defaultSecretTarget) {
        return Fields.listOf((item, at) -> {
            MapNode m = item instanceof MapNode map ? map
                    : MapNode.builder(item.mark()).put("source", str(item, Scalars.string(item, at))).build();
            if (defaultSecretTarget && !m.has("target") && m.has("source")) {
                m = m.with("target", str(m, "/run/secrets/" + Scalars.string(m.get("source"), at.key("source"))));
            }
            return Fields.convertStruct(m, at, table);
        });
    }

    /** devices: "SOURCE[:TARGET[:PERMISSIONS]]" → {source, target, permissions}. */
    static Field devices(boolean lenient) {
        return Fields.listOf((item, at) -> {
            if (item instanceof MapNode m) {
                return Fields.convertStruct(m, at, Fields.table("source", Fields.string(), "target",
                        Fields.string(), "permissions", Fields.string()));
            }
            String spec = Scalars.string(item, at);
            String[] parts = spec.split(":", -1);
            if (parts.length > 3) {
                if (lenient) {
                    return item;
                }
                throw where(item, at).error("confusing device mapping, please use long syntax: " + spec);
            }
            String target = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : parts[0];
            MapNode.Builder b = MapNode.builder(item.mark());
            if (!parts[0].isEmpty()) {
                b.put("source", str(item, parts[0]));
            }
            if (!target.isEmpty()) {
                b.put("target", str(item, target));
            }
            b.put("permissions", str(item, parts.length == 3 ? parts[2] : "rwm"));
            return b.build();
        });
    }

    /** extra_hosts: "host:ip" / "host=ip" entries or a map, printed sorted as "host=ip". */
    static Field extraHosts() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            Map<String, List<String>> hosts = new LinkedHashMap<>();
            if (v instanceof MapNode m) {
                for (var e : m.entries().entrySet()) {
                    Node val = e.getValue();
                    List<String> ips = hosts.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                    if (val instanceof SeqNode s) {
                        s.items().forEach(n -> ips.add(Scalars.string(n, p.key(e.getKey()))));
                    } else {
                        ips.add(isNull(val) ? "" : Scalars.string(val, p.key(e.getKey())));
                    }
                }
            } else {
                SeqNode seq = Scalars.seq(v, p);
                for (int i = 0; i < seq.size(); i++) {
                    String entry = Scalars.string(seq.get(i), p.index(i));
                    int at = entry.indexOf('=');
                    if (at < 0) {
                        at = entry.indexOf(':');
                    }
                    if (at < 0) {
                        throw where(seq.get(i), p.index(i)).error("invalid additional host, missing IP: " + entry);
                    }
                    hosts.computeIfAbsent(entry.substring(0, at), k -> new ArrayList<>())
                            .addAll(List.of(entry.substring(at + 1).split(",", -1)));
                }
            }
            List<String> out = new ArrayList<>();
            for (var e : hosts.entrySet()) {
                if (e.getKey().isEmpty() || e.getKey().contains(":") || e.getKey().contains("=")) {
                    throw where(v, p).error("bad host name '" + e.getKey() + "'");
                }
                for (String ip : e.getValue()) {
                    if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) {
                        ip = ip.substring(1, ip.length() - 1);
                    }
                    out.add(e.getKey() + "=" + ip);
                }
            }
            out.sort(null);
            return out.isEmpty() ? null : SeqNode.of(v.mark(), out.stream().map(s -> str(v, s)).toList());
        };
    }

    /** healthcheck.test: a string means ["CMD-SHELL", string]. */
    static Field healthcheckTest() {
        Field list = Fields.stringList();
        return (v, p) -> v instanceof ScalarNode s && !s.isNull()
                ? SeqNode.of(v.mark(), List.of(str(v, "CMD-SHELL"), str(v, Scalars.string(v, p))))
                : list.apply(v, p);
    }

    /** A list of names becomes a map of nulls (networks, models); a map converts its values. */
    static Field namesToMap(Field value) {
        Field map = Fields.mapOf(value);
        return (v, p) -> {
            if (v instanceof SeqNode seq) {
                MapNode.Builder b = MapNode.builder(v.mark());
                for (int i = 0; i < seq.size(); i++) {
                    b.put(Scalars.string(seq.get(i), p.index(i)), seq.get(i).mark(),
                            ScalarNode.of(seq.get(i).mark(), null));
                }
                return Fields.sortedKeys(b.build());
            }
            return map.apply(v, p);
        };
    }

    /** ulimits: a number (soft = hard) or {soft, hard}. */
    static Field ulimits() {
        return Fields.mapOf((v, p) -> {
            if (v instanceof MapNode m) {
                MapNode.Builder b = MapNode.builder(v.mark());
                b.put("soft", ScalarNode.of(v.mark(), m.has("soft") ? Scalars.integer(m.get("soft"), p.key("soft"))
                        : 0L));
                b.put("hard", ScalarNode.of(v.mark(), m.has("hard") ? Scalars.integer(m.get("hard"), p.key("hard"))
                        : 0L));
                return b.build();
            }
            return ScalarNode.of(v.mark(), Scalars.integer(v, p));
        });
    }

    /** build.ssh: ["default", "id=path"] or a map; printed as a sorted list of "id" / "id=path". */
    static Field ssh() {
        return (v, p) -> {
            if (isNull(v)) {
                return null;
            }
            Map<String, String> keys = new TreeMap<>();
            if (v instanceof MapNode m) {
                m.entries().forEach((k, val) -> keys.put(k, isNull(val) ? "" : Scalars.string(val, p.key(k))));
            } else {
                SeqNode seq = Scalars.seq(v, p);
                for (int i = 0; i < seq.size(); i++) {
                    String s = Scalars.string(seq.get(i), p.index(i));
                    int at = s.indexOf('=');
                    if (at < 0 && !s.equals("default")) {
                        throw where(seq.get(i), p.index(i)).error("invalid ssh key \"" + s + "\"");
                    }
                    keys.put(at < 0 ? s : s.substring(0, at), at < 0 ? "" : s.substring(at + 1));
                }
            }
            List<Node> out = new ArrayList<>();
            keys.forEach((id, path) -> out.add(str(v, path.isEmpty() ? id : id + "=" + path)));
            return out.isEmpty() ? null : SeqNode.of(v.mark(), out);
        };
    }

    /** gpus: "all" means [{count: all}]; entries without count or device_ids get count all (-1). */
    static Field gpus(Field deviceRequest) {
        Field list = Fields.listOf(deviceRequest);
        return (v, p) -> {
            if (v instanceof ScalarNode s && !s.isNull()) {
                return list.apply(SeqNode.of(v.mark(), List.of(MapNode.builder(v.mark())
                        .put("count", str(v, "all")).build())), p);
            }
            return list.apply(v, p);
        };
    }
}
