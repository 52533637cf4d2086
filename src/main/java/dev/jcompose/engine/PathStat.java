package dev.jcompose.engine;

import java.time.Instant;

/**
 * A file in a container as the archive endpoint describes it. mode is Go's os.FileMode: permission bits plus
 * type bits (directory 1<<31, symlink 1<<27); linkTarget is set for symlinks.
 */
public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
    public static final long MODE_DIR = 1L << 31;
    public static final long MODE_SYMLINK = 1L << 27;
    /** Every type bit of os.FileMode (dir, append, exclusive, temporary, symlink, device, pipe, socket...). */
    public static final long MODE_TYPE = MODE_DIR | MODE_SYMLINK | (1L << 26) | (1L << 25) | (1L << 24)
            | (1L << 21) | (1L << 19);

    public PathStat {
        linkTarget = linkTarget == null ? "" : linkTarget;
    }

    public boolean isDirectory() {
        return (mode & MODE_DIR) != 0;
    }

    public boolean isSymlink() {
        return (mode & MODE_SYMLINK) != 0;
    }

    public boolean isRegular() {
        return (mode & MODE_TYPE) == 0;
    }
}
