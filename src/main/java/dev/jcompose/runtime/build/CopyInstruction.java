package dev.jcompose.runtime.build;

import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.snapshot.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * COPY/ADD as a build step: expands the words, finds the sources (in the context, or with --from in a
 * read-only view of an earlier stage or an image), keys the cache on their content, then writes the layer.
 */
final class CopyInstruction {
    private final BuildRun run;
    private final ShellLex lex;

    CopyInstruction(BuildRun run, ShellLex lex) {
        this.run = run;
        this.lex = lex;
    }

    ImageState apply(Instruction i, ImageState state, Map<String, String> env) throws IOException {
        boolean add = i.keyword().equals("ADD");
        List<String> words = i.isExecForm() ? i.json().stream().map(w -> lex.word(w, env)).toList()
                : lex.words(i.args(), env);
        List<String> sources = new ArrayList<>(words.subList(0, words.size() - 1));
        String dest = destination(words.get(words.size() - 1), state.runConfig().workingDir());
        for (String s : sources) {
            if (s.startsWith("http://") || s.startsWith("https://") || s.startsWith("git@")) {
                throw new BuildException(i.keyword() + " failed: " + s + ": the embedded engine has no network "
                        + "access for remote sources; download the file into the build context and ADD it from there");
            }
        }
        String from = i.flag("from");
        String chown = i.flag("chown") == null ? null : lex.word(i.flag("chown"), env);
        String chmod = i.flag("chmod");
        ImageState source = null;
        if (from != null) {
            String name = lex.word(from, run.metaArgs());
            int index = run.dockerfile().stageIndex(name, run.stages().size());
            source = index >= 0 ? run.stages().get(index) : run.image(name, i);
        }
        try (SourceRoot root = SourceRoot.open(run, source)) {
            List<CopySources.Source> resolved = CopySources.resolve(root.path(), sources, i.keyword());
            String inputs = CopySources.digest(resolved) + (source == null ? "" : " from " + source.parentKey());
            String text = i.keyword() + (chown == null ? "" : " --chown=" + chown)
                    + (chmod == null ? "" : " --chmod=" + chmod) + " " + String.join(" ", words);
            Steps steps = new Steps(run);
            return steps.cached(state, text, inputs, () -> {
                ImageRecord.Layer layer = new CopyStep(run.env()).copy(state, resolved, dest, add, chown, chmod);
                return steps.commit(state, layer, "/bin/sh -c #(nop) " + i.keyword() + " " + historySource(resolved,
                        inputs) + " in " + dest + " ");
            });
        }
    }

    /**
     * The source in the history line, shaped like dockerd's classic builder: {@code file:}, {@code dir:} or
     * {@code multi:} and a 64-hex hash (dockerd hashes tar headers and content; this is the step's input digest,
     * so the value differs from dockerd's while the shape is the same).
     */
    private static String historySource(List<CopySources.Source> sources, String inputs) {
        String kind = sources.size() != 1 ? "multi" : Files.isDirectory(sources.get(0).path(),
                java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "dir" : "file";
        return kind + ":" + inputs.substring("sha256:".length(), "sha256:".length() + 64);
    }

    /** Relative destinations are under WORKDIR; "." and a trailing "/" mean "into this directory". */
    static String destination(String dest, String workdir) {
        String base = workdir == null || workdir.isEmpty() ? "/" : workdir;
        boolean into = dest.endsWith("/") || dest.equals(".") || dest.endsWith("/.");
        String absolute = dest.startsWith("/") ? dest : (base.endsWith("/") ? base : base + "/") + dest;
        String clean = Path.of(absolute).normalize().toString();
        return into && !clean.endsWith("/") ? clean + "/" : clean;
    }

    /** Where sources are read from: the context, or a mounted read-only view of a stage or image. */
    private record SourceRoot(Path path, Runnable cleanup) implements AutoCloseable {
        static SourceRoot open(BuildRun run, ImageState state) throws IOException {
            if (state == null) {
                return new SourceRoot(run.context(), () -> { });
            }
            BuildEnvironment env = run.env();
            String key = WorkingLayer.KEY_PREFIX + "view-" + java.util.UUID.randomUUID();
            List<Mount> mounts = env.snapshots().view(key, env.images().unpackLayers(state.layers()));
            Path target = env.mountsDir().resolve(key);
            Files.createDirectories(target);
            Runnable cleanup = () -> {
                RunStep.quietly(() -> env.mounter().unmount(target));
                RunStep.quietly(() -> env.snapshots().remove(key));
                RunStep.quietly(() -> {
                    try {
                        Files.deleteIfExists(target);
                    } catch (IOException e) {
                        // swept at the next daemon start
                    }
                });
            };
            try {
                env.mounter().mount(mounts, target);
            } catch (RuntimeException e) {
                cleanup.run();
                throw e;
            }
            return new SourceRoot(target, cleanup);
        }

        @Override
        public void close() {
            cleanup.run();
        }
    }
}
