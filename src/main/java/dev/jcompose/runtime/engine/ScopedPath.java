package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a container's root file system as the container would see it, symlinks included, but
 * never leaving the root: an absolute link target restarts at the root, {@code ..} stops at it (like Go's
 * securejoin). Used for every host-side read of image files (passwd, group, copy-up sources), so an image with
 * {@code /etc/passwd -> /host/secret} reads its own root, not the host's.
 */
public final class ScopedPath {
    private static final int MAX_LINKS = 255;

    private ScopedPath() {
    }

    public static Path resolve(Path root, String path) {
        Deque<String> pending = new ArrayDeque<>(split(path));
        List<String> current = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.equals("..")) {
                if (!current.isEmpty()) {
                    current.remove(current.size() - 1);
                }
                continue;
            }
            Path candidate = join(root, current).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw RuntimeError.badRequest("too many symlinks resolving " + path);
                }
                String target;
                try {
                    target = Files.readSymbolicLink(candidate).toString();
                } catch (IOException e) {
                    throw RuntimeError.internal("cannot read link " + candidate + ": " + e.getMessage(), e);
                }
                if (target.startsWith("/")) {
                    current.clear();
                }
                List<String> parts = split(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.addFirst(parts.get(i));
                }
                continue;
            }
            current.add(part);
        }
        return join(root, current);
    }

    /** True when the resolved path exists as a regular file or directory (not following a last link). */
    public static boolean exists(Path root, String path) {
        return Files.exists(resolve(root, path), LinkOption.NOFOLLOW_LINKS);
    }

    private static Path join(Path root, List<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out;
    }
}
