package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A directory tree that layer entries are written into, addressed only by cleaned relative components.
 * Every parent is checked component by component with lstat (never following a symlink), so no entry of a
 * hostile layer can make a write land outside the root: not with {@code ..}, not with an absolute name,
 * not through a symlink planted by an earlier entry or an earlier layer.
 */
final class SafeTree {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private final Path root;
    private final Set<Path> createdParents = new LinkedHashSet<>();

    SafeTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /**
     * Cleans a tar entry name into components below the root, like Go's filepath.Clean: leading {@code /}
     * and {@code ./} are dropped, {@code a/../b} is {@code b}; a name that climbs above the root is refused.
     */
    static List<String> clean(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw RuntimeError.badRequest("layer entry \"" + name + "\" climbs out of the layer root");
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    /** The path of {@code components} under the root; the caller has cleaned them. */
    Path resolve(List<String> components) {
        Path path = root;
        for (String component : components) {
            path = child(path, component);
        }
        return path;
    }

    private static Path child(Path parent, String component) {
        try {
            return parent.resolve(component);
        } catch (InvalidPathException e) {
            throw RuntimeError.internal("file name \"" + component + "\" cannot be represented in this JVM's"
                    + " file name encoding (run the daemon with a UTF-8 locale)", e);
        }
    }

    /**
     * The real directory at {@code components}, each component checked to be a directory and not a symlink.
     * With {@code create}, missing directories are made (0755, like Docker's untar); else null when missing.
     */
    Path directory(List<String> components, boolean create, String entryName) throws IOException {
        Path current = root;
        for (String component : components) {
            Path next = child(current, component);
            BasicFileAttributes attributes = lstat(next);
            if (attributes == null) {
                if (!create) {
                    return null;
                }
                Files.createDirectory(next);
                createdParents.add(next);
            } else if (attributes.isSymbolicLink()) {
                throw RuntimeError.badRequest("layer entry \"" + entryName + "\" goes through symlink \""
                        + root.relativize(next) + "\"");
            } else if (!attributes.isDirectory()) {
                throw RuntimeError.badRequest("layer entry \"" + entryName + "\": \"" + root.relativize(next)
                        + "\" is not a directory");
            }
            current = next;
        }
        return current;
    }

    /** Directories this tree made on its own because an entry's parent was missing. */
    Set<Path> createdParents() {
        return createdParents;
    }

    static BasicFileAttributes lstat(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Deletes a file, symlink or whole directory without following any symlink. */
    static void deleteRecursively(Path path) throws IOException {
        BasicFileAttributes attributes = lstat(path);
        if (attributes == null) {
            return;
        }
        if (!attributes.isDirectory()) {
            Files.delete(path);
            return;
        }
        // walkFileTree does not follow links unless asked to, so a symlink inside is deleted, not its target.
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
