package dev.jcompose.load;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.discover.SourceFile;
import dev.jcompose.load.extend.Extends;
import dev.jcompose.load.include.Includes;
import dev.jcompose.load.interpolate.Interpolator;
import dev.jcompose.load.merge.Merger;
import dev.jcompose.load.paths.PathResolver;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.Where;
import dev.jcompose.load.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-file phases, in compose-go's order (loader.loadYamlFile): parse (all documents) → top level must be a
 * mapping → interpolate → include → extends. Returns one tree per document, ready for the cross-file merge;
 * several documents in one file merge like successive override files.
 *
 * <p>Relative paths of the given file stay relative: compose resolves every path of the -f files against the
 * project directory, which the normaliser does. Only what comes from other files is resolved here, against
 * the directory compose uses for it: an included project's paths against its project directory, the services
 * an {@code extends.file} brings against the directory of that file.
 */
public final class FileAssembler {
    private final LoadOptions options;
    private final Warnings warnings;
    private final Path mainProjectDir;
    private final String home;

    private FileAssembler(LoadOptions options, Warnings warnings, Path projectDir) {
        this.options = options;
        this.warnings = warnings;
        this.mainProjectDir = projectDir;
        String h = options.osEnv().get("HOME");
        this.home = h != null && !h.isEmpty() ? h : System.getProperty("user.home");
    }

    public static List<MapNode> assemble(SourceFile file, Path projectDir, Map<String, String> environment,
            LoadOptions options, Warnings warnings) {
        Path dir = projectDir.toAbsolutePath().normalize();
        List<Path> chain = file.path() == null ? List.of() : List.of(file.path().toAbsolutePath().normalize());
        return new FileAssembler(options, warnings, dir).documents(file, dir, environment, chain);
    }

    /**
     * @param workingDir the project directory of the file: relative include and extends paths start there
     * @param chain      files being loaded through include, outermost first, ending with this one
     */
    private List<MapNode> documents(SourceFile file, Path workingDir, Map<String, String> env, List<Path> chain) {
        List<MapNode> out = new ArrayList<>();
        for (Node node : YamlParser.parseAll(file.label(), file.content())) {
            if (node instanceof ScalarNode s && s.isNull()) {
                continue; // an empty document ("---" alone) adds nothing
            }
            MapNode doc = interpolated(root(node), env);
            doc = Includes.apply(doc, new Includes.Context(workingDir, env, chain, this::includedProject));
            doc = Extends.apply(doc, new Extends.Context(file.label(), file.path(), workingDir,
                    (f, where) -> extendedFile(f, where, env)));
            out.add(doc);
        }
        return out;
    }

    private static MapNode root(Node node) {
        if (node instanceof MapNode m) {
            return m;
        }
        throw new Where(node.mark(), KeyPath.ROOT).error("top-level object must be a mapping, not " + node.kindName());
    }

    private MapNode interpolated(MapNode doc, Map<String, String> env) {
        return options.interpolate() ? Interpolator.interpolate(doc, env, warnings) : doc;
    }

    /** An included project: its files through these same phases with its environment, merged, paths resolved. */
    private MapNode includedProject(List<Path> files, Path projectDir, Map<String, String> env, List<Path> chain) {
        List<MapNode> docs = new ArrayList<>();
        for (Path f : files) {
            List<Path> next = new ArrayList<>(chain);
            next.add(f);
            docs.addAll(documents(read(f, null), projectDir, env, next));
        }
        return Includes.resolvePaths(Merger.merge(docs), projectDir, home);
    }

    /**
     * A file named by extends.file: interpolated with the extending project's environment, no include; its
     * paths resolved against its own directory. One document keeps its !reset/!override tags for the extends
     * step; several are merged first.
     */
    private Extends.LoadedFile extendedFile(Path file, Where requestedAt, Map<String, String> env) {
        SourceFile source = read(file, requestedAt);
        List<MapNode> docs = new ArrayList<>();
        for (Node node : YamlParser.parseAll(source.label(), source.content())) {
            if (!(node instanceof ScalarNode s && s.isNull())) {
                docs.add(interpolated(root(node), env));
            }
        }
        MapNode doc = docs.size() == 1 ? docs.get(0) : Merger.merge(docs);
        return new Extends.LoadedFile(source.label(), PathResolver.resolve(doc, file.getParent(), home));
    }

    private SourceFile read(Path file, Where requestedAt) {
        String label = label(file);
        try {
            return new SourceFile(label, file, Files.readString(file));
        } catch (IOException e) {
            String msg = "cannot read " + label + ": " + (Files.exists(file) ? e.getMessage() : "no such file");
            throw requestedAt != null ? requestedAt.error(msg) : ComposeException.config(msg);
        }
    }

    /** Files under the project directory are shown relative to it, like the files given with -f. */
    private String label(Path file) {
        return file.startsWith(mainProjectDir) ? mainProjectDir.relativize(file).toString() : file.toString();
    }
}
