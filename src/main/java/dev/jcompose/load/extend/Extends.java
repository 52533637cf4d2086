package dev.jcompose.load.extend;

import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Where;
import java.nio.file.Path;

/**
 * Applies {@code extends} to the services of one document, as compose-go's loader/extends.go: the base service
 * (from this document, or from another file whose relative paths are already resolved against its own directory)
 * is itself extended first, then the extending service is merged over it with the merge rules, at path
 * {@code services.<name>}. depends_on, links, volumes_from, network_mode/ipc {@code service:x} references are
 * inherited like any other attribute (the referenced service must then exist in the extending project). Cycles
 * are rejected with the chain that forms them.
 */
public final class Extends {
    private Extends() {
    }

    /** A compose file loaded for extends: its display label and its tree. */
    public record LoadedFile(String label, MapNode root) {
    }

    /**
     * Loads another compose file named by {@code extends.file}: its documents interpolated and merged, its relative
     * paths resolved against its own directory; {@code !reset}/{@code !override} tags are kept in a one-document file.
     */
    public interface FileLoader {
        LoadedFile load(Path absoluteFile, Where requestedAt);
    }

    /**
     * @param fileLabel  the document's file, for messages
     * @param file       the document's file (null for stdin): a service of it is known by file and name
     * @param workingDir the directory a relative {@code extends.file} of this document is relative to (the project
     *                   directory, as compose resolves every relative path of the files it was given)
     */
    public record Context(String fileLabel, Path file, Path workingDir, FileLoader loader) {
    }

    public static MapNode apply(MapNode document, Context context) {
        if (!(document.get("services") instanceof MapNode services) || !hasExtends(services)) {
            return document;
        }
        ExtendsResolver resolver = new ExtendsResolver(context.loader());
        ServiceSet set = new ServiceSet(context.fileLabel(), context.file() == null ? null
                : context.file().toAbsolutePath().normalize(), context.workingDir(), services);
        for (String name : services.keys()) {
            resolver.resolve(set, name, ExtendsChain.EMPTY);
        }
        return document.with("services", set.toMapNode());
    }

    private static boolean hasExtends(MapNode services) {
        return services.entries().values().stream().anyMatch(s -> s instanceof MapNode m && m.has("extends"));
    }
}
