package dev.jcompose.runtime.build;

import dev.jcompose.runtime.fs.Posix;
import dev.jcompose.runtime.image.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks the build context the client sent (a tar, maybe compressed) into a fresh directory. Nothing is
 * written outside it: names are cleaned, an entry whose path leaves the directory is refused, no write goes
 * through a symlink (a parent component that is not a real directory is refused), hard links must point at a
 * regular file inside. Symlinks are kept as they are; COPY resolves them inside the context.
 */
final class ContextArchive {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private ContextArchive() {
    }

    static void extract(InputStream archive, Path target) throws IOException {
        Files.createDirectories(target);
        Map<Path, FileTime> dirTimes = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Compression.decompress(archive),
                StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                List<String> parts = clean(entry.getName());
                if (parts.isEmpty()) {
                    continue; // "./" itself
                }
                Path path = parentDirs(target, parts);
                FileTime mtime = FileTime.from(entry.getModTime().toInstant());
                if (entry.isDirectory()) {
                    if (!Files.isDirectory(path, NOFOLLOW)) {
                        Files.deleteIfExists(path);
                        Files.createDirectory(path);
                    }
                    Posix.chmod(path, entry.getMode() & 07777);
                    dirTimes.put(path, mtime);
                } else if (entry.isSymbolicLink()) {
                    Files.deleteIfExists(path);
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Path linked = resolveExisting(target, clean(entry.getLinkName()));
                    Files.deleteIfExists(path);
                    Files.createLink(path, linked);
                } else if (entry.isFile()) {
                    Files.deleteIfExists(path);
                    try (OutputStream out = Files.newOutputStream(path)) {
                        tar.transferTo(out);
                    }
                    Posix.chmod(path, entry.getMode() & 07777);
                    Files.setLastModifiedTime(path, mtime);
                }
                // devices and fifos have no place in a build context: skipped
            }
        } catch (IllegalArgumentException e) {
            throw new BuildException("the build context is not a valid tar archive: " + e.getMessage());
        }
        for (Map.Entry<Path, FileTime> d : dirTimes.entrySet()) {
            Files.setLastModifiedTime(d.getKey(), d.getValue());
        }
    }

    /** Path components of an archive name; ".." that would leave the root is refused. */
    static List<String> clean(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new BuildException("invalid build context: " + name + " points outside the context");
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(part);
        }
        return parts;
    }

    /** Creates missing parents as real directories; refuses to go through anything else. */
    private static Path parentDirs(Path root, List<String> parts) throws IOException {
        Path dir = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            dir = dir.resolve(parts.get(i));
            if (Files.isSymbolicLink(dir) || (Files.exists(dir, NOFOLLOW) && !Files.isDirectory(dir, NOFOLLOW))) {
                throw new BuildException("invalid build context: " + String.join("/", parts)
                        + " goes through a symlink or file");
            }
            if (!Files.exists(dir, NOFOLLOW)) {
                Files.createDirectory(dir);
            }
        }
        return dir.resolve(parts.get(parts.size() - 1));
    }

    private static Path resolveExisting(Path root, List<String> parts) throws IOException {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                throw new BuildException("invalid build context: hard link through a symlink: " + String.join("/",
                        parts));
            }
        }
        if (!Files.isRegularFile(p, NOFOLLOW)) {
            throw new BuildException("invalid build context: hard link to a missing file " + String.join("/", parts));
        }
        return p;
    }

    static void copyFile(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
    }
}
