package dev.jcompose.load.extend;

import dev.jcompose.load.merge.Merger;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.Where;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Resolves the extends chain of each service, loading other files once. */
final class ExtendsResolver {
    private final Extends.FileLoader loader;
    private final Map<Path, ServiceSet> otherFiles = new HashMap<>();

    ExtendsResolver(Extends.FileLoader loader) {
        this.loader = loader;
    }

    /** The service with its extends applied (memoised in the set). */
    Node resolve(ServiceSet set, String name, ExtendsChain chain) {
        Node node = set.get(name);
        KeyPath path = KeyPath.of("services", name);
        if (!(node instanceof MapNode service) || !service.has("extends") || set.isResolved(name)) {
            if (node != null && !(node instanceof MapNode) && !(node instanceof ScalarNode s && s.isNull())) {
                throw new Where(node.mark(), path).error("a service must be a mapping, not " + node.kindName());
            }
            return node;
        }
        Node extendsNode = service.get("extends");
        Where where = new Where(extendsNode.mark(), path.key("extends"));
        Reference ref = Reference.of(extendsNode, where);

        ServiceSet baseSet = set;
        if (ref.file() != null) {
            baseSet = otherFile(set.workingDir.resolve(ref.file()).normalize(), where);
            if (!baseSet.has(ref.service())) {
                throw where.error("cannot extend service \"" + name + "\": service \"" + ref.service()
                        + "\" not found in " + baseSet.label);
            }
        } else if (!set.has(ref.service())) {
            throw where.error("cannot extend service \"" + name + "\": service \"" + ref.service() + "\" not found");
        }
        ExtendsChain next = chain.add(set, name, where);
        Node base = resolve(baseSet, ref.service(), next);

        Node merged;
        if (base == null || base instanceof ScalarNode) {
            merged = service.without("extends"); // an empty base service adds nothing
        } else {
            // The extending service's !reset/!override apply to the base; the base's own tags are spent.
            Node m = Merger.mergeValue(Merger.clean(base), service.without("extends"), path);
            merged = m instanceof MapNode mm ? mm.without("extends") : m;
        }
        set.putResolved(name, merged);
        return merged;
    }

    private ServiceSet otherFile(Path file, Where where) {
        ServiceSet cached = otherFiles.get(file);
        if (cached != null) {
            return cached;
        }
        Extends.LoadedFile loaded = loader.load(file, where);
        Node services = loaded.root().get("services");
        if (services == null) {
            throw where.error("cannot extend a service of " + loaded.label() + ": it has no services section");
        }
        if (!(services instanceof MapNode sm)) {
            throw new Where(services.mark(), KeyPath.of("services")).error("services must be a mapping");
        }
        ServiceSet set = new ServiceSet(loaded.label(), file, file.getParent(), sm);
        otherFiles.put(file, set);
        return set;
    }

    /** extends: a service name, or {service, file}. */
    record Reference(String service, String file) {
        static Reference of(Node node, Where where) {
            if (node instanceof ScalarNode s && s.isString()) {
                return new Reference((String) s.value(), null);
            }
            if (node instanceof MapNode m) {
                if (!(m.get("service") instanceof ScalarNode svc) || !svc.isString()) {
                    throw where.error("extends.service is required");
                }
                Node file = m.get("file");
                if (file != null && !(file instanceof ScalarNode f && (f.isString() || f.isNull()))) {
                    throw where.error("extends.file must be a string, not " + file.kindName());
                }
                String f = file == null ? null : ((ScalarNode) file).isNull() ? null : (String) ((ScalarNode) file).value();
                return new Reference((String) svc.value(), f);
            }
            throw where.error("extends must be a service name or a mapping with service and file, not "
                    + node.kindName());
        }
    }
}
