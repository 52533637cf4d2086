package dev.jcompose.app;

import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The host side of `cp`: a tar of a local file or tree (the root entry renamed as cp needs), and extraction of
 * a container's tar into a local directory. Entries never leave the target directory. Links inside a tree are
 * archived as links; only the top-level source link is followed, and only with -L.
 */
final class LocalArchive {
    private LocalArchive() {
    }

    /** Writes the tar of {@code source} to {@code out}, its root entry named {@code rootName}. */
    static void write(Path source, String rootName, boolean followLink, OutputStream out) throws IOException {
        Path root = followLink ? source.toRealPath() : source;
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new ComposeException(ComposeException.Kind.NOT_FOUND, "stat " + source
                    + ": no such file or directory");
        }
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.sorted().toList();
            }
            for (Path p : paths) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                put(tar, p, relative.isEmpty() ? rootName : rootName + "/" + relative);
            }
        } else {
            put(tar, root, rootName);
        }
        tar.finish();
        tar.flush();
    }

    private static void put(TarArchiveOutputStream tar, Path p, String name) throws IOException {
        TarArchiveEntry entry;
        boolean regular = false;
        if (Files.isSymbolicLink(p)) {
            entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(p).toString());
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            entry = new TarArchiveEntry(name);
            entry.setSize(Files.size(p));
            regular = true;
        } else {
            return; // sockets, fifos and devices are not copied
        }
        try {
            entry.setMode(mode(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
            entry.setUserId(((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue());
            entry.setGroupId(((Number) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue());
        } catch (UnsupportedOperationException | IllegalArgumentException notPosix) {
            entry.setMode(regular ? 0644 : 0755);
        }
        entry.setModTime(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis());
        tar.putArchiveEntry(entry);
        if (regular) {
            try (InputStream in = Files.newInputStream(p)) {
                in.transferTo(tar);
            }
        }
        tar.closeArchiveEntry();
    }

    /**
     * Extracts {@code archive} into the existing directory {@code directory}, renaming the root entry
     * {@code from} to {@code to}.
     */
    static void extract(InputStream archive, Path directory, String from, String to) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ComposeException(ComposeException.Kind.NOT_FOUND, "invalid output path: directory \""
                    + directory + "\" does not exist");
        }
        Path base = directory.toRealPath();
        TarArchiveInputStream tar = new TarArchiveInputStream(archive);
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            String name = rename(e.getName(), from, to);
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            Path target = base.resolve(name).normalize();
            if (!target.startsWith(base)) {
                throw new ComposeException(ComposeException.Kind.ENGINE, "invalid archive entry " + e.getName()
                        + ": outside of " + directory);
            }
            requireNoLinkBetween(base, target.getParent(), e.getName());
            Files.createDirectories(target.getParent());
            if (e.isDirectory()) {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
                    throw new ComposeException(ComposeException.Kind.CONFLICT, "cannot overwrite non-directory "
                            + target + " with directory");
                }
                Files.createDirectories(target);
            } else if (e.isSymbolicLink()) {
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                continue;
            } else if (e.isFile()) {
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ComposeException(ComposeException.Kind.CONFLICT, "cannot overwrite directory "
                            + target + " with non-directory");
                }
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                continue;
            }
            setAttributes(target, e);
        }
    }

    /**
     * An entry must not be written through a symlink that an earlier entry (or the directory itself) put inside
     * the target: "link -> /dev" followed by "link/null" is inside the directory by name only, and
     * Files.copy(REPLACE_EXISTING) would replace the host's /dev/null.
     */
    private static void requireNoLinkBetween(Path base, Path parent, String entry) {
        for (Path p = parent; p != null && p.startsWith(base) && !p.equals(base); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new ComposeException(ComposeException.Kind.ENGINE, "invalid archive entry " + entry
                        + ": it would be written through the symlink " + p);
            }
        }
    }

    private static void setAttributes(Path target, TarArchiveEntry e) {
        try {
            Files.setPosixFilePermissions(target, permissions(e.getMode()));
            if (e.getLastModifiedTime() != null) {
                Files.setLastModifiedTime(target, FileTime.from(e.getLastModifiedTime().toInstant()));
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // permissions and times are best effort, as for docker cp without root
        }
    }

    /** "from/rest" → "to/rest"; a leading "./" and "/" are dropped first. */
    static String rename(String entry, String from, String to) {
        String name = entry;
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        if (from.equals(".")) {
            String rest = name.equals(".") || name.equals("./") ? "" : name.startsWith("./") ? name.substring(2)
                    : name;
            return to.equals(".") ? rest : rest.isEmpty() ? to : to + "/" + rest;
        }
        if (name.equals(from) || name.equals(from + "/")) {
            return to;
        }
        if (name.startsWith(from + "/")) {
            return to + name.substring(from.length());
        }
        return name;
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                out.add(p);
            }
        }
        return out;
    }
}
