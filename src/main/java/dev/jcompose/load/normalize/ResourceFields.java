package dev.jcompose.load.normalize;

import static dev.jcompose.load.normalize.Fields.bool;
import static dev.jcompose.load.normalize.Fields.boolPtr;
import static dev.jcompose.load.normalize.Fields.integer;
import static dev.jcompose.load.normalize.Fields.listOf;
import static dev.jcompose.load.normalize.Fields.mapping;
import static dev.jcompose.load.normalize.Fields.string;
import static dev.jcompose.load.normalize.Fields.stringList;
import static dev.jcompose.load.normalize.Fields.struct;
import static dev.jcompose.load.normalize.Fields.structOmitEmpty;
import static dev.jcompose.load.normalize.Fields.table;
import static dev.jcompose.load.normalize.Scalars.isNull;

import dev.jcompose.load.Warnings;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import java.util.Map;
import java.util.Objects;

/** Top-level networks, volumes, secrets, configs and models in canonical form. */
final class ResourceFields {
    private ResourceFields() {
    }

    static Map<String, Field> network() {
        return table(
                "name", string(),
                "driver", string(),
                "driver_opts", mapping(),
                "ipam", structOmitEmpty(table("driver", string(),
                        "config", listOf(struct(table("subnet", string(), "gateway", string(), "ip_range", string(),
                                "aux_addresses", mapping()))),
                        "options", mapping())),
                "external", bool(),
                "internal", bool(),
                "attachable", bool(),
                "labels", mapping(),
                "enable_ipv4", boolPtr(),
                "enable_ipv6", boolPtr());
    }

    static Map<String, Field> volume() {
        return table("name", string(), "driver", string(), "driver_opts", mapping(), "external", bool(),
                "labels", mapping());
    }

    /** Secrets never print their content (it may come from the environment); configs do. */
    static Map<String, Field> fileObject(boolean secret) {
        return table("name", string(), "file", string(), "environment", string(),
                "content", secret ? (Field) (v, p) -> null : string(),
                "external", bool(), "labels", mapping(), "driver", string(), "driver_opts", mapping(),
                "template_driver", string());
    }

    static Map<String, Field> model() {
        return table("name", string(), "model", string(), "context_size", integer(), "runtime_flags",
                stringList());
    }

    /**
     * One top-level resource: null → {}, the legacy {@code external: {name: X}} → {@code name: X, external: true}
     * (with compose's deprecation warning), then its fields.
     */
    static MapNode resource(Node value, KeyPath path, Map<String, Field> table, Warnings warnings) {
        MapNode m = isNull(value) ? MapNode.empty(value.mark()) : Scalars.map(value, path);
        if (m.get("external") instanceof MapNode ext) {
            m = m.with("external", ScalarNode.of(ext.mark(), true));
            Node extName = ext.get("name");
            if (extName != null) {
                warnings.add(path + ": external.name is deprecated. Please set name and external: true");
                Node name = m.get("name");
                if (name != null && !Objects.equals(Scalars.string(name, path.key("name")),
                        Scalars.string(extName, path.key("external").key("name")))) {
                    throw Scalars.where(name, path.key("name")).error("name and external.name conflict; "
                            + "only use name");
                }
                if (name == null) {
                    m = m.with("name", extName);
                }
            }
        }
        return Fields.convertStruct(m, path, table);
    }
}
