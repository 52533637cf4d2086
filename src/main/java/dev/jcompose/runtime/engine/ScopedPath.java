package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.archive.FsView;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves a path inside a container's root file system as the container would see it, symlinks included, but
 * never leaving the root: an absolute link target restarts at the root, {@code ..} stops at it (like Go's
 * securejoin). Used for every host-side read of image files (passwd, group, copy-up sources), so an image with
 * {@code /etc/passwd -> /host/secret} reads its own root, not the host's. The walk is {@link FsView}'s, the one
 * the archive endpoints use, over the root alone.
 */
public final class ScopedPath {
    private ScopedPath() {
    }

    /** The host path of {@code path} in the container rooted at {@code root} (mounts aside), every link followed. */
    public static Path resolve(Path root, String path) {
        return new FsView(root, true, List.of()).resolve(path, true).host();
    }

    /** True when the resolved path exists as a regular file or directory (not following a last link). */
    public static boolean exists(Path root, String path) {
        return Files.exists(resolve(root, path), LinkOption.NOFOLLOW_LINKS);
    }
}
