package dev.jcompose.load.include;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import dev.jcompose.load.tree.Where;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code include}: short syntax (a path) or long syntax (path as string or list, project_directory,
 * env_file as string or list), with every path made absolute against the including project's directory.
 *
 * @param projectDir the included project's directory: project_directory, else the directory of its first file
 * @param envFiles   env_file entries as written (null when absent), resolved later against the working dir
 */
record IncludeEntry(Where where, List<Path> files, Path projectDir, List<String> envFiles) {

    static IncludeEntry parse(Node node, KeyPath path, Path workingDir) {
        Where where = new Where(node.mark(), path);
        if (node instanceof ScalarNode s && s.isString()) {
            Path file = workingDir.resolve((String) s.value()).normalize();
            return new IncludeEntry(where, List.of(file), file.getParent(), null);
        }
        if (!(node instanceof MapNode m)) {
            throw where.error("an include entry must be a path or a mapping, not " + node.kindName());
        }
        List<String> paths = strings(m.get("path"), path.key("path"));
        if (paths == null || paths.isEmpty()) {
            throw where.error("path is required");
        }
        List<Path> files = paths.stream().map(p -> workingDir.resolve(p).normalize()).toList();
        Path projectDir = files.get(0).getParent();
        Node pd = m.get("project_directory");
        if (pd instanceof ScalarNode s && s.isString() && !((String) s.value()).isEmpty()) {
            projectDir = workingDir.resolve((String) s.value()).normalize();
        } else if (pd != null && !(pd instanceof ScalarNode s && (s.isNull() || s.isString()))) {
            throw new Where(pd.mark(), path.key("project_directory")).error("must be a string, not " + pd.kindName());
        }
        return new IncludeEntry(where, files, projectDir, strings(m.get("env_file"), path.key("env_file")));
    }

    /** A string or a list of strings; null when absent. */
    private static List<String> strings(Node node, KeyPath path) {
        if (node == null || node instanceof ScalarNode s && s.isNull()) {
            return null;
        }
        if (node instanceof ScalarNode s && s.isString()) {
            return List.of((String) s.value());
        }
        if (node instanceof SeqNode q) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < q.size(); i++) {
                if (!(q.get(i) instanceof ScalarNode s) || !s.isString()) {
                    throw new Where(q.get(i).mark(), path.index(i)).error("must be a string, not "
                            + q.get(i).kindName());
                }
                out.add((String) s.value());
            }
            return out;
        }
        throw new Where(node.mark(), path).error("must be a string or a list of strings, not " + node.kindName());
    }

    void checkFilesExist() {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw where.error("cannot include " + f + ": " + (Files.isDirectory(f) ? "it is a directory"
                        : "no such file"));
            }
        }
    }

    /** compose-go: "include cycle detected:\nfirst\n include second\n include ...". */
    void checkNoCycle(List<Path> chain) {
        Path main = files.get(0);
        if (!chain.contains(main)) {
            return;
        }
        StringBuilder msg = new StringBuilder("include cycle detected:\n").append(chain.get(0));
        for (Path p : chain.subList(1, chain.size())) {
            msg.append("\n include ").append(p);
        }
        msg.append("\n include ").append(main);
        throw where.error(msg.toString());
    }
}
