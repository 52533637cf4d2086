package dev.jcompose.engine.fake;

import dev.jcompose.engine.BuildFailedException;
import dev.jcompose.engine.BuildSpec;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Image builds in the fake engine. A build reads the context tar (the Dockerfile must be in it), prints one
 * "Step i/n" line per instruction, needs its FROM images present (or pullable), and makes an image whose id is
 * derived from the context digest and the build options: the same inputs give the same id, as a fully cached
 * docker build does (no_cache gives a fresh one). Tests can make builds of a tag fail and read what was built.
 */
public final class FakeBuilds {
    private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE",
            "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
            "HEALTHCHECK", "SHELL");

    /** One finished build: the spec, the tar's entry names, the Dockerfile text and the resulting image id. */
    public record Recorded(BuildSpec spec, List<String> entries, String dockerfile, String contextDigest,
            String imageId) {
    }

    private record Failure(String message, int code) {
    }

    /** What a build read from its context, before it touches the image store. */
    record Input(BuildSpec spec, List<String> entries, String dockerfile, String digest) {
    }

    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final AtomicLong uncached = new AtomicLong();

    /** Builds tagged {@code tag} fail from now on with this message and status, after printing their steps. */
    public FakeBuilds failFor(String tag, String message, int code) {
        failures.put(FakeImages.normalize(tag), new Failure(message, code));
        return this;
    }

    /** Successful builds so far, in completion order. */
    public List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    /** File I/O and output happen outside the engine lock; only the image store work holds it. */
    String build(BuildSpec spec, Consumer<String> progress, FakeImages images, Lock lock) {
        Input input = read(spec, progress);
        List<String> lines = new ArrayList<>();
        String id;
        lock.lock();
        try {
            id = complete(input, images, lines::add);
        } finally {
            lock.unlock();
        }
        lines.forEach(progress);
        return id;
    }

    /** Reads the context and prints the steps. */
    Input read(BuildSpec spec, Consumer<String> progress) {
        List<String> entries = new ArrayList<>();
        String dockerfile = null;
        MessageDigest sha = sha256();
        try (InputStream file = Files.newInputStream(spec.context());
                DigestInputStream digest = new DigestInputStream(file, sha);
                TarArchiveInputStream tar = new TarArchiveInputStream(digest)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.add(e.getName());
                if (e.getName().equals(spec.dockerfile()) && e.isFile()) {
                    dockerfile = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            digest.transferTo(OutputStream.nullOutputStream()); // the digest covers the whole file
        } catch (IOException e) {
            throw new ComposeException(ComposeException.Kind.ENGINE, "cannot read the build context: " + e, e);
        }
        if (dockerfile == null) {
            throw new BuildFailedException("Cannot locate specified Dockerfile: " + spec.dockerfile(), 1);
        }
        List<String> steps = steps(dockerfile);
        for (int i = 0; i < steps.size(); i++) {
            progress.accept("Step " + (i + 1) + "/" + steps.size() + " : " + steps.get(i));
        }
        Failure failure = spec.tags().stream().map(t -> failures.get(FakeImages.normalize(t)))
                .filter(f -> f != null).findFirst().orElse(null);
        if (failure != null) {
            throw new BuildFailedException(failure.message(), failure.code());
        }
        return new Input(spec, entries, dockerfile, HexFormat.of().formatHex(sha.digest()));
    }

    /** Makes and tags the image; runs under the engine lock. */
    String complete(Input input, FakeImages images, Consumer<String> progress) {
        BuildSpec spec = input.spec();
        ImageConfig base = ImageConfig.EMPTY;
        for (String from : baseImages(input.dockerfile())) {
            ImageInfo found = images.resolve(from);
            if (found == null || spec.pull()) {
                try {
                    images.pull(from, line -> { });
                } catch (ComposeException e) {
                    if (found == null) {
                        throw new BuildFailedException(e.getMessage(), 1, e);
                    }
                }
                found = images.resolve(from);
            }
            base = found.config();
        }
        Map<String, String> labels = new LinkedHashMap<>(base.labels());
        labels.putAll(spec.labels());
        ImageConfig config = new ImageConfig(base.env(), base.entrypoint(), base.cmd(), base.volumes(),
                base.healthcheck(), base.stopSignal(), base.user(), base.workingDir(), base.exposedPorts(), labels);
        String key = input.digest() + "|" + spec.dockerfile() + "|" + spec.args() + "|" + spec.target() + "|"
                + new java.util.TreeMap<>(spec.labels()) + (spec.noCache() ? "|" + uncached.incrementAndGet() : "");
        String id = "sha256:" + FakeStore.sha256(key);
        images.put(id, config);
        for (String tag : spec.tags()) {
            images.tag(id, tag);
        }
        progress.accept("Successfully built " + id.substring(7, 19));
        spec.tags().forEach(t -> progress.accept("Successfully tagged " + FakeImages.normalize(t)));
        recorded.add(new Recorded(spec, input.entries(), input.dockerfile(), "sha256:" + input.digest(), id));
        return id;
    }

    /** Instructions with continuation lines joined; an unknown one is a parse error, as dockerd answers. */
    private static List<String> steps(String dockerfile) {
        List<String> steps = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String[] lines = dockerfile.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String step = current.toString().strip();
            current.setLength(0);
            String word = step.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            if (!INSTRUCTIONS.contains(word)) {
                throw new BuildFailedException("dockerfile parse error line " + (n + 1) + ": unknown instruction: "
                        + step.split("\\s+", 2)[0].toUpperCase(Locale.ROOT), 1);
            }
            steps.add(step);
        }
        if (steps.isEmpty() || !steps.getFirst().toUpperCase(Locale.ROOT).startsWith("FROM")) {
            throw new BuildFailedException("the Dockerfile must start with a FROM instruction", 1);
        }
        return steps;
    }

    /** FROM images in order, skipping "scratch" and references to earlier stages. */
    private static List<String> baseImages(String dockerfile) {
        List<String> images = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        for (String step : steps(dockerfile)) {
            String[] words = step.split("\\s+");
            if (!words[0].equalsIgnoreCase("FROM")) {
                continue;
            }
            int i = 1;
            while (i < words.length && words[i].startsWith("--")) {
                i++;
            }
            String image = i < words.length ? words[i] : "scratch";
            if (!image.equals("scratch") && !stages.contains(image.toLowerCase(Locale.ROOT))) {
                images.add(image);
            }
            if (i + 2 < words.length && words[i + 1].equalsIgnoreCase("AS")) {
                stages.add(words[i + 2].toLowerCase(Locale.ROOT));
            }
        }
        return images;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
