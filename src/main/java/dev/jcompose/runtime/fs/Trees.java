package dev.jcompose.runtime.fs;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deleting state directories safely: never through a symlink, never into another mount. */
public final class Trees {
    private Trees() {
    }

    /**
     * Deletes {@code path} and everything below it without following symlinks (a volume or a layer may hold
     * links to anywhere) and without crossing into another file system: a directory or file on another device
     * is a mount still in place (a rootfs, a bind of a host path), and deleting through it would delete the
     * host's files, so the call fails instead.
     */
    public static void delete(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Object device = device(path);
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    sameDevice(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    sameDevice(file);
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

                private void sameDevice(Path p) throws IOException {
                    if (!device.equals(device(p))) {
                        throw new IOException("refusing to delete across a mount point: " + p);
                    }
                }
            });
        } catch (IOException e) {
            throw RuntimeError.internal("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    private static Object device(Path p) throws IOException {
        return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
    }
}
