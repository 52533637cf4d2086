package dev.jcompose.runtime.archive;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * A container's file system as the daemon sees it from the host: a root directory (the mounted rootfs) with
 * mounts laid over it (binds, volumes, the engine's /etc files, a running container's tmpfs). Container paths
 * become host paths here, with symlinks resolved as if chrooted into the container: an absolute link target
 * restarts at the container's root, {@code ..} never climbs above it, and a path under a mount's destination
 * continues in that mount's host directory. Nothing resolved here can name a host file outside the view.
 */
public final class FsView {
    private static final int MAX_LINKS = 255;

    /** One mount: {@code destination} (clean, absolute, in the container) shows the host directory or file. */
    public record Mount(String destination, Path hostPath, boolean writable) {
        List<String> components() {
            return split(destination);
        }
    }

    /**
     * A resolved container path.
     *
     * @param components the clean container path, as components below the container's root
     * @param host where it is on the host
     */
    public record Located(List<String> components, Path host) {
        public String containerPath() {
            return "/" + String.join("/", components);
        }
    }

    private final Path root;
    private final boolean rootWritable;
    /** Longest destination first, so the innermost mount wins. */
    private final List<Mount> mounts;

    public FsView(Path root, boolean rootWritable, List<Mount> mounts) {
        this.root = root;
        this.rootWritable = rootWritable;
        List<Mount> sorted = new ArrayList<>(mounts);
        sorted.sort(Comparator.comparingInt((Mount m) -> m.components().size()).reversed());
        this.mounts = List.copyOf(sorted);
    }

    /** The host path of clean container components: the innermost mount covering them, else the root. */
    public Path hostPath(List<String> components) {
        for (Mount m : mounts) {
            List<String> dest = m.components();
            if (dest.size() <= components.size() && components.subList(0, dest.size()).equals(dest)) {
                return join(m.hostPath(), components.subList(dest.size(), components.size()));
            }
        }
        return join(root, components);
    }

    /**
     * Whether a write at these components is allowed, with Docker's message when not: a read-only mount says
     * "mounted volume is marked read-only", a read-only root "container rootfs is marked read-only".
     */
    public void checkWritable(List<String> components) {
        for (Mount m : mounts) {
            List<String> dest = m.components();
            if (dest.size() <= components.size() && components.subList(0, dest.size()).equals(dest)) {
                if (!m.writable()) {
                    throw new RuntimeError(500, "mounted volume is marked read-only");
                }
                return;
            }
        }
        if (!rootWritable) {
            throw new RuntimeError(500, "container rootfs is marked read-only");
        }
    }

    /**
     * Resolves a container path. Every symlink on the way is followed in the container's scope; the last
     * component is followed only with {@code followLast} (Docker's stat and archive read the link itself,
     * extraction goes through it). The result may not exist.
     */
    public Located resolve(String path, boolean followLast) {
        Deque<String> pending = new ArrayDeque<>(splitKeepingDots(path));
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
            List<String> candidate = new ArrayList<>(current);
            candidate.add(part);
            Path host = hostPath(candidate);
            boolean last = pending.isEmpty();
            if ((!last || followLast) && Files.isSymbolicLink(host)) {
                if (++links > MAX_LINKS) {
                    throw RuntimeError.badRequest("too many levels of symbolic links resolving " + path);
                }
                String target = readLink(host);
                if (target.startsWith("/")) {
                    current.clear();
                }
                List<String> parts = splitKeepingDots(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.addFirst(parts.get(i));
                }
                continue;
            }
            current = candidate;
        }
        return new Located(List.copyOf(current), hostPath(current));
    }

    /** True when the located path exists (a dangling symlink exists). */
    public static boolean exists(Located located) {
        return Files.exists(located.host(), LinkOption.NOFOLLOW_LINKS);
    }

    static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw RuntimeError.internal("cannot read link " + link + ": " + e.getMessage(), e);
        }
    }

    static Path join(Path base, List<String> parts) {
        Path p = base;
        for (String s : parts) {
            try {
                p = p.resolve(s);
            } catch (InvalidPathException e) {
                throw RuntimeError.badRequest("file name \"" + s + "\" cannot be represented by the daemon");
            }
        }
        return p;
    }

    /** Clean components of an absolute or relative path: empty and "." parts dropped, ".." kept. */
    static List<String> splitKeepingDots(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out;
    }

    /** Go's path.Clean of "/" + path as components: ".." stops at the root. */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : splitKeepingDots(path)) {
            if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
