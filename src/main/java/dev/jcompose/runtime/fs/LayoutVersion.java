package dev.jcompose.runtime.fs;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The version of the on-disk layout under the runtime root ({@code <root>/VERSION}, see docs/runtime-layout.md).
 * A daemon refuses a root written by a newer layout instead of misreading it; an older one would be migrated
 * here when a second version exists.
 */
public final class LayoutVersion {
    public static final int CURRENT = 1;
    public static final String FILE_NAME = "VERSION";

    private LayoutVersion() {
    }

    /** Writes the version into a new root, or checks the one that is there. */
    public static synchronized void ensure(Path root) {
        Path file = root.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            AtomicFiles.write(file, (CURRENT + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        int found = read(file);
        if (found != CURRENT) {
            throw new RuntimeError(500, "unsupported runtime state layout version " + found
                    + " in " + file + " (this build reads version " + CURRENT + ")");
        }
    }

    private static int read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw RuntimeError.internal("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RuntimeError(500, "corrupt layout version file " + file + ": \"" + text + "\"");
        }
    }
}
