package dev.jcompose.load.discover;

import java.nio.file.Path;

/** One compose file to load: label for messages, path (null for stdin), and its text. */
public record SourceFile(String label, Path path, String content) {
    /** The directory relative paths in this file resolve against (stdin: the given fallback). */
    public Path dir(Path fallback) {
        return path == null ? fallback : path.toAbsolutePath().getParent();
    }
}
