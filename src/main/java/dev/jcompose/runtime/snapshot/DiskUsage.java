package dev.jcompose.runtime.snapshot;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Sizes and inode counts of a directory tree, each inode counted once (hard links), links not followed. */
public final class DiskUsage {
    private DiskUsage() {
    }

    public static Usage of(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return new Usage(0, 0);
        }
        Set<Object> seen = new HashSet<>();
        long[] size = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attributes) throws IOException {
                    count(path, attributes);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
                    count(path, attributes);
                    return FileVisitResult.CONTINUE;
                }

                private void count(Path path, BasicFileAttributes attributes) throws IOException {
                    Object key = attributes.fileKey();
                    if (key == null) {
                        Map<String, Object> unix = Files.readAttributes(path, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
                        key = unix.get("dev") + ":" + unix.get("ino");
                    }
                    if (seen.add(key) && !attributes.isDirectory()) {
                        size[0] += attributes.size();
                    }
                }
            });
        } catch (IOException e) {
            throw RuntimeError.internal("cannot measure " + dir + ": " + e.getMessage(), e);
        }
        return new Usage(size[0], seen.size());
    }
}
