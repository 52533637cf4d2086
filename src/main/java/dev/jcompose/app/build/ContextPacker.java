package dev.jcompose.app.build;

import dev.jcompose.app.build.IgnorePattern.BadPatternException;
import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Packs a service's build context into a tar for the engine, as the docker CLI does for the classic builder:
 * .dockerignore (or the Dockerfile's own {@code <Dockerfile>.dockerignore}, which wins, as BuildKit decides)
 * filters the context, the Dockerfile and .dockerignore are always sent, and a Dockerfile outside the context
 * (or {@code dockerfile_inline}) travels inside the tar under a generated name, listed in the tar's .dockerignore
 * so the daemon drops it from what COPY can see. The generated name derives from the Dockerfile's content, not
 * from randomness, so an unchanged project sends an identical tar and the build cache holds.
 */
public final class ContextPacker {
    private static final String DOCKERIGNORE = ".dockerignore";

    private ContextPacker() {
    }

    /** The packed context: the tar file, the Dockerfile's path inside it, its entries and sha256. */
    public record Packed(Path tar, String dockerfile, List<String> entries, String digest, long size) {
        public Packed {
            entries = List.copyOf(entries);
        }
    }

    /**
     * @param context    the context directory (absolute)
     * @param dockerfile relative to the context or absolute; ignored when {@code inline} is given
     * @param inline     the content of dockerfile_inline, or null
     * @param out        where the tar is written (created or replaced)
     */
    public static Packed pack(Path context, String dockerfile, String inline, Path out) {
        Path root = contextRoot(context);
        String relDockerfile;
        byte[] outsideContent = null;
        FileTime outsideTime = FileTime.fromMillis(0);
        Path ignoreFile = root.resolve(DOCKERIGNORE);
        if (inline != null) {
            outsideContent = inline.getBytes(StandardCharsets.UTF_8);
            relDockerfile = null;
        } else {
            Path given = context.resolve(dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile);
            Path real = realDockerfile(given);
            Path specific = given.resolveSibling(given.getFileName() + DOCKERIGNORE);
            if (Files.isRegularFile(specific)) {
                ignoreFile = specific;
            }
            String rel = slashes(root.relativize(real));
            if (rel.equals("..") || rel.startsWith("../")) {
                outsideContent = read(real);
                outsideTime = mtime(real);
                relDockerfile = null;
            } else {
                relDockerfile = rel;
            }
        }
        List<String> excludes = Files.isRegularFile(ignoreFile)
                ? IgnoreFile.parse(new String(read(ignoreFile), StandardCharsets.UTF_8)) : List.of();
        try {
            excludes = keepBuildFiles(excludes, relDockerfile);
            List<ContextTar.Injected> injected = new ArrayList<>();
            if (outsideContent != null) {
                relDockerfile = ".dockerfile." + sha256(outsideContent).substring(0, 20);
                injected.add(new ContextTar.Injected(relDockerfile, outsideContent, 0600, outsideTime));
                injected.add(tarIgnoreFile(root, relDockerfile));
            }
            PatternMatcher matcher = PatternMatcher.of(excludes);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<String> entries;
            try (OutputStream file = Files.newOutputStream(out);
                    DigestOutputStream digest = new DigestOutputStream(file, sha)) {
                entries = ContextTar.write(root, matcher, injected, digest);
            }
            return new Packed(out, relDockerfile, entries, "sha256:" + HexFormat.of().formatHex(sha.digest()),
                    Files.size(out));
        } catch (BadPatternException e) {
            throw ComposeException.config(slashes(ignoreFile) + ": " + e.getMessage());
        } catch (ContextTar.UnreadableFileException e) {
            throw new ComposeException(ComposeException.Kind.ENGINE, "checking context: " + e.getMessage());
        } catch (IOException e) {
            throw new ComposeException(ComposeException.Kind.ENGINE, "unable to pack the build context " + root
                    + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** docker's TrimBuildFilesFromExcludes: the daemon needs the Dockerfile and .dockerignore even if excluded. */
    static List<String> keepBuildFiles(List<String> excludes, String relDockerfile) throws BadPatternException {
        List<String> out = new ArrayList<>(excludes);
        PatternMatcher matcher = PatternMatcher.of(excludes);
        if (matcher.matchesOneParent(DOCKERIGNORE)) {
            out.add("!" + DOCKERIGNORE);
        }
        if (relDockerfile != null && matcher.matchesOneParent(relDockerfile)) {
            out.add("!" + relDockerfile);
        }
        return out;
    }

    /** The tar's .dockerignore: the context's own (if any) plus the generated Dockerfile's name. */
    private static ContextTar.Injected tarIgnoreFile(Path root, String generated) {
        Path existing = root.resolve(DOCKERIGNORE);
        if (Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
            String content = new String(read(existing), StandardCharsets.UTF_8) + "\n" + generated + "\n";
            int mode;
            try {
                mode = (Integer) Files.getAttribute(existing, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
            } catch (IOException e) {
                mode = 0644;
            }
            return new ContextTar.Injected(DOCKERIGNORE, content.getBytes(StandardCharsets.UTF_8), mode,
                    mtime(existing));
        }
        byte[] content = (DOCKERIGNORE + "\n" + generated + "\n").getBytes(StandardCharsets.UTF_8);
        return new ContextTar.Injected(DOCKERIGNORE, content, 0600, FileTime.fromMillis(0));
    }

    private static Path contextRoot(Path context) {
        try {
            Path real = context.toRealPath();
            if (!Files.isDirectory(real)) {
                throw ComposeException.config("unable to prepare context: context must be a directory: " + real);
            }
            return real;
        } catch (NoSuchFileException e) {
            throw ComposeException.config("unable to prepare context: path \"" + context + "\" not found");
        } catch (IOException e) {
            throw ComposeException.config("unable to prepare context: " + context + ": " + e.getMessage());
        }
    }

    private static Path realDockerfile(Path given) {
        try {
            Path real = given.toRealPath();
            if (Files.isDirectory(real)) {
                throw ComposeException.config("unable to prepare context: the Dockerfile " + given
                        + " is a directory");
            }
            return real;
        } catch (NoSuchFileException e) {
            throw ComposeException.config("unable to prepare context: unable to evaluate symlinks in Dockerfile "
                    + "path: lstat " + e.getFile() + ": no such file or directory");
        } catch (IOException e) {
            throw ComposeException.config("unable to prepare context: cannot read the Dockerfile " + given + ": "
                    + e.getMessage());
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ComposeException(ComposeException.Kind.ENGINE, "cannot read " + file + ": " + e.getMessage(),
                    e);
        }
    }

    private static FileTime mtime(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
