package dev.jcompose.runtime.build;

import dev.jcompose.runtime.engine.ScopedPath;
import dev.jcompose.runtime.fs.Trees;
import dev.jcompose.runtime.image.Glob;
import dev.jcompose.runtime.image.Reference;
import dev.jcompose.runtime.snapshot.Kind;
import dev.jcompose.runtime.snapshot.SnapshotInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The classic builder of the embedded engine. {@link #prepare} unpacks the context and parses the Dockerfile
 * (errors there come before any output, as HTTP 400s); {@link #build} runs the stages up to the target, tags
 * the result and reports like dockerd. Whatever a build leaves (context, mounts, snapshots, containers) is
 * removed when it ends, failed or not; {@link #recover} sweeps what a crashed daemon left.
 */
public final class ImageBuilder {
    private static final System.Logger LOG = System.getLogger(ImageBuilder.class.getName());
    private final BuildEnvironment env;

    public ImageBuilder(BuildEnvironment env) {
        this.env = env;
    }

    /** A build ready to run: its unpacked context and parsed Dockerfile; close it to drop the context. */
    public record Prepared(Path dir, Path context, Dockerfile dockerfile, BuildOptions options, List<Reference> tags)
            implements AutoCloseable {
        @Override
        public void close() {
            Trees.delete(dir);
        }
    }

    public Prepared prepare(InputStream contextArchive, BuildOptions options) throws IOException {
        List<Reference> tags = new ArrayList<>();
        for (String t : options.tags()) {
            Reference r;
            try {
                r = Reference.parse(t);
            } catch (RuntimeException e) {
                throw new BuildException("invalid reference format: " + t);
            }
            if (r.isDigested()) {
                throw new BuildException("invalid reference format: " + t + " (a tag cannot hold a digest)");
            }
            tags.add(r.withDefaultTag());
        }
        Path dir = env.tmpDir().resolve(UUID.randomUUID().toString());
        Path context = dir.resolve("context");
        try {
            ContextArchive.extract(contextArchive, context);
            Path file = ScopedPath.resolve(context, "/" + options.dockerfile());
            if (!Files.isRegularFile(file)) {
                throw new BuildException("Cannot locate specified Dockerfile: " + options.dockerfile());
            }
            Dockerfile dockerfile = DockerfileParser.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (options.target() != null && !options.target().isEmpty()
                    && dockerfile.stageIndex(options.target(), dockerfile.stages().size()) < 0) {
                throw new BuildException("failed to reach build target " + options.target() + " in Dockerfile");
            }
            dropIgnoredBuildFiles(context, options.dockerfile());
            return new Prepared(dir, context, dockerfile, options, tags);
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
    }

    /**
     * The client always sends the Dockerfile and .dockerignore; when .dockerignore excludes them, dockerd drops
     * them from the context after reading, so {@code COPY . /} does not copy them.
     */
    static void dropIgnoredBuildFiles(Path context, String dockerfile) throws IOException {
        Path ignore = context.resolve(".dockerignore");
        if (!Files.isRegularFile(ignore)) {
            return;
        }
        List<String> patterns = Files.readAllLines(ignore).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String name : List.of(dockerfile.replaceAll("^/+", ""), ".dockerignore")) {
            boolean excluded = false;
            for (String p : patterns) {
                boolean negate = p.startsWith("!");
                String pattern = String.join("/", ContextArchive.clean(negate ? p.substring(1) : p));
                if (Glob.matches(pattern, name) || pattern.equals("**") || name.startsWith(pattern + "/")) {
                    excluded = !negate;
                }
            }
            if (excluded) {
                Files.deleteIfExists(context.resolve(name));
            }
        }
    }

    /** Runs the build; returns the image id. Always deletes the prepared context. */
    public String build(Prepared prepared, BuildOutput output) throws IOException {
        try (prepared) {
            BuildRun run = new BuildRun(env, prepared.options(), output, prepared.dockerfile(), prepared.context());
            Dockerfile df = prepared.dockerfile();
            for (Instruction meta : df.metaArgs()) {
                run.stepLine(meta);
                ShellLex lex = new ShellLex(df.escape());
                for (String word : lex.rawWords(meta.args())) {
                    int eq = word.indexOf('=');
                    String key = eq < 0 ? word : word.substring(0, eq);
                    String given = run.consumeArg(key);
                    run.metaArgs().put(key, given != null ? given
                            : eq < 0 ? null : lex.word(word.substring(eq + 1), run.metaArgs()));
                }
            }
            String target = prepared.options().target();
            int last = target == null || target.isEmpty() ? df.stages().size() - 1
                    : df.stageIndex(target, df.stages().size());
            ImageState result = null;
            for (int s = 0; s <= last; s++) {
                List<Instruction> extra = s == last ? labelStep(prepared.options()) : List.of();
                result = new StageBuilder(run).build(df.stages().get(s), extra);
                run.stages().add(result);
            }
            if (result == null || result.id() == null) {
                throw new BuildException("No image was generated. Is your Dockerfile empty?");
            }
            List<String> unused = run.unconsumedArgs();
            if (!unused.isEmpty()) {
                output.stream("[Warning] One or more build-args " + unused + " were not consumed\n");
            }
            env.images().addBuilt(result.id(), result.layers(), prepared.tags());
            output.imageId(result.id().toString());
            output.stream("Successfully built " + result.id().shortId() + "\n");
            for (Reference tag : prepared.tags()) {
                output.stream("Successfully tagged " + tag.familiarString() + "\n");
            }
            return result.id().toString();
        } catch (UncheckedIOException e) {
            throw new BuildException(e.getCause().getMessage());
        }
    }

    /**
     * The labels option as last LABEL instructions, as dockerd's classic builder appends them: one step per
     * label, sorted by key, shown unquoted ({@code LABEL k=v}); the arguments stay quoted so that no value is
     * split or expanded.
     */
    private static List<Instruction> labelStep(BuildOptions options) {
        return options.labels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> new Instruction(0, "LABEL", "LABEL " + e.getKey() + "=" + e.getValue(), java.util.Map.of(),
                        quote(e.getKey()) + "=" + quote(e.getValue()), null))
                .toList();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"";
    }

    /**
     * At daemon start: build containers of a crashed daemon are deleted, their mounts undone, their snapshots
     * and contexts removed. Committed layers and the cache stay.
     */
    public void recover() {
        try {
            env.runtime().recover().forEach(s -> RunStep.quietly(() -> env.runtime().delete(s.id())));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list build containers: " + e.getMessage());
        }
        if (Files.isDirectory(env.mountsDir())) {
            try (Stream<Path> dirs = Files.list(env.mountsDir())) {
                for (Path d : dirs.toList()) {
                    RunStep.quietly(() -> env.mounter().unmount(d));
                    RunStep.quietly(() -> {
                        try {
                            Files.deleteIfExists(d);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot scan " + env.mountsDir() + ": " + e.getMessage());
            }
        }
        for (SnapshotInfo s : env.snapshots().list()) {
            if (s.kind() != Kind.COMMITTED && s.name().startsWith(WorkingLayer.KEY_PREFIX)) {
                RunStep.quietly(() -> env.snapshots().remove(s.name()));
            }
        }
        RunStep.quietly(() -> Trees.delete(env.tmpDir()));
        RunStep.quietly(() -> Trees.delete(env.runDir().resolve("containers")));
    }
}
