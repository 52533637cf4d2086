package dev.jcompose.runtime.build;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.engine.ScopedPath;
import dev.jcompose.runtime.image.Glob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sources of a COPY/ADD inside a root (the context, or another stage's file system): globs expanded like
 * Go's path.Match over every path under the root, each source resolved with its symlinks kept inside the root
 * (a {@code ..} or an absolute link never leaves it), and a digest of their content and metadata (not mtimes,
 * so a checkout that only touches files keeps the cache) for the step's cache key.
 */
final class CopySources {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** One source: its name as matched (for the destination's base name) and the resolved path. */
    record Source(String name, Path path) {
    }

    private CopySources() {
    }

    static List<Source> resolve(Path root, List<String> patterns, String instruction) throws IOException {
        List<Source> out = new ArrayList<>();
        for (String pattern : patterns) {
            String clean = String.join("/", ContextArchive.clean(pattern.replaceAll("^/+", "")));
            if (clean.matches(".*[*?\\[].*")) {
                List<String> matches = matches(root, clean);
                for (String m : matches) {
                    out.add(new Source(m, ScopedPath.resolve(root, "/" + m)));
                }
                continue;
            }
            Path path = ScopedPath.resolve(root, "/" + clean);
            if (!Files.exists(path, NOFOLLOW)) {
                throw new BuildException(instruction + " failed: file not found in build context or excluded by "
                        + ".dockerignore: stat " + (clean.isEmpty() ? "." : clean) + ": file does not exist");
            }
            out.add(new Source(clean, path));
        }
        if (out.isEmpty()) {
            throw new BuildException(instruction + " failed: no source files were specified");
        }
        return out;
    }

    private static List<String> matches(Path root, String pattern) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted()
                    .filter(rel -> Glob.matches(pattern, rel)).forEach(out::add);
        }
        return out;
    }

    /** sha256 over every entry under the sources: relative name, type, permissions, link target, content. */
    static String digest(List<Source> sources) throws IOException {
        MessageDigest md = Digest.newSha256();
        for (Source s : sources) {
            md.update(("source " + s.name() + "\n").getBytes(StandardCharsets.UTF_8));
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(s.path())) {
                entries = walk.sorted().toList();
            }
            for (Path p : entries) {
                String rel = s.path().relativize(p).toString();
                Object mode = Files.getAttribute(p, "unix:mode", NOFOLLOW);
                md.update((rel + " " + mode + "\n").getBytes(StandardCharsets.UTF_8));
                if (Files.isSymbolicLink(p)) {
                    md.update(Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(p, NOFOLLOW)) {
                    try (InputStream in = Files.newInputStream(p)) {
                        byte[] buf = new byte[64 * 1024];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            md.update(buf, 0, n);
                        }
                    }
                }
            }
        }
        return "sha256:" + java.util.HexFormat.of().formatHex(md.digest());
    }
}
