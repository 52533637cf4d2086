package dev.jcompose.load.include;

import dev.jcompose.load.merge.Merger;
import dev.jcompose.load.paths.PathResolver;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import dev.jcompose.load.tree.Where;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Applies the top-level {@code include} of one document, as compose-go's loader/include.go: each entry is loaded
 * as its own project (its files merged, interpolated with its own environment, relative paths resolved against
 * its project directory) and its services, networks, volumes, secrets, configs and models are copied into the
 * document. A resource the document defines too is merged, the local definition over the imported one (compose
 * v2.24 up to compose-go v2.9 rejected this with "services.x conflicts with imported resource"; compose-go v2.10,
 * used by docker compose v5, merges).
 */
public final class Includes {
    private static final List<String> RESOURCES = List.of("services", "volumes", "networks", "secrets", "configs",
            "models");

    private Includes() {
    }

    /** Loads an included project: its files through the per-file phases, merged, paths resolved. */
    public interface ProjectLoader {
        MapNode load(List<Path> files, Path projectDir, Map<String, String> environment, List<Path> chain);
    }

    /**
     * @param workingDir  the directory relative include paths and env files are relative to (the project directory
     *                    of the document)
     * @param environment the document's project environment; it wins over an included project's env files
     * @param chain       the files being loaded, outermost first (a file including one of them is a cycle)
     */
    public record Context(Path workingDir, Map<String, String> environment, List<Path> chain, ProjectLoader loader) {
        public Context {
            environment = Map.copyOf(environment);
            chain = List.copyOf(chain);
        }
    }

    public static MapNode apply(MapNode document, Context context) {
        Node include = document.get("include");
        if (include == null) {
            return document;
        }
        KeyPath path = KeyPath.of("include");
        if (!(include instanceof SeqNode entries)) {
            if (include instanceof ScalarNode s && s.isNull()) {
                return document.without("include");
            }
            throw new Where(include.mark(), path).error("`include` must be a list, not " + include.kindName());
        }
        MapNode out = document;
        for (int i = 0; i < entries.size(); i++) {
            IncludeEntry entry = IncludeEntry.parse(entries.get(i), path.index(i), context.workingDir());
            entry.checkNoCycle(context.chain());
            entry.checkFilesExist();
            Map<String, String> env = IncludeEnvironment.of(entry, context.workingDir(), context.environment());
            MapNode imported = context.loader().load(entry.files(), entry.projectDir(), env, context.chain());
            imported = IncludeEnvironment.resolveReferences(imported, env);
            out = importResources(imported, out);
        }
        return out.without("include");
    }

    /**
     * The last step of loading an included project: its relative paths made absolute against its project
     * directory. A build without context builds that directory (compose-go sets the default context before
     * resolving paths there; for the main project the normaliser does both).
     */
    public static MapNode resolvePaths(MapNode project, Path projectDir, String home) {
        MapNode withContexts = project.get("services") instanceof MapNode services
                ? project.with("services", services.mapValues((name, svc) -> defaultContext(svc)))
                : project;
        return PathResolver.resolve(withContexts, projectDir, home);
    }

    private static Node defaultContext(Node service) {
        if (service instanceof MapNode svc && svc.get("build") instanceof MapNode build && !build.has("context")) {
            return svc.with("build", build.with("context", ScalarNode.of(build.mark(), ".")));
        }
        return service;
    }

    private static MapNode importResources(MapNode imported, MapNode target) {
        MapNode out = target;
        for (String key : RESOURCES) {
            if (!(imported.get(key) instanceof MapNode from)) {
                continue;
            }
            MapNode to = out.get(key) instanceof MapNode m ? m : MapNode.empty(from.mark());
            MapNode.Builder b = to.toBuilder();
            from.entries().forEach((name, resource) -> {
                Node local = to.get(name);
                if (local == null) {
                    b.put(name, from.keyMark(name), resource);
                } else {
                    b.put(name, to.keyMark(name), Merger.mergeValue(resource, local, KeyPath.of(key, name)));
                }
            });
            out = out.with(key, b.build());
        }
        return out;
    }
}
