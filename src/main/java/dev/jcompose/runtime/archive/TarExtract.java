package dev.jcompose.runtime.archive;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.fs.Posix;
import dev.jcompose.runtime.fs.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Extracts a tar into a directory of a {@link FsView}, with dockerd's rules for {@code PUT /containers/{id}/archive}:
 * entry names are cleaned ({@code /a/b} lands at {@code dest/a/b}; a name that climbs above the destination
 * is refused), every path is resolved in the container's scope (a symlink, absolute or planted by an earlier
 * entry, is followed as the container would and never reaches the host), a relative symlink or a hard link
 * pointing above the destination is refused, an existing entry is replaced unless both are directories, and
 * with {@code noOverwriteDirNonDir} a directory never replaces a file or the reverse. Owners come from the
 * headers, or are all {@code owner} when given (copyUIDGID).
 */
public final class TarExtract {
    /** uid and gid every extracted entry gets (docker cp -a). */
    public record Owner(long uid, long gid) {
    }

    private final FsView view;
    private final List<String> dest;
    private final boolean noOverwriteDirNonDir;
    private final Owner owner;
    private final boolean root = Posix.isRoot();
    private final Map<Path, FileTime> directoryTimes = new LinkedHashMap<>();

    private TarExtract(FsView view, List<String> dest, boolean noOverwriteDirNonDir, Owner owner) {
        this.view = view;
        this.dest = dest;
        this.noOverwriteDirNonDir = noOverwriteDirNonDir;
        this.owner = owner;
    }

    /** Extracts {@code tar} into the existing directory {@code dest} (resolved components) of the view. */
    public static void extract(FsView view, List<String> dest, InputStream tar, boolean noOverwriteDirNonDir,
            Owner owner) throws IOException {
        new TarExtract(view, dest, noOverwriteDirNonDir, owner).run(tar);
    }

    private void run(InputStream in) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (entry.isGlobalPaxHeader()) {
                continue;
            }
            apply(entry, tar);
        }
        for (Map.Entry<Path, FileTime> d : directoryTimes.entrySet()) {
            if (Files.isDirectory(d.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                Posix.setTimes(d.getKey(), d.getValue(), d.getValue());
            }
        }
    }

    private void apply(TarArchiveEntry entry, InputStream content) throws IOException {
        List<String> relative = cleanBelow(entry.getName());
        if (relative.isEmpty()) {
            return; // the destination itself: dockerd leaves its attributes alone
        }
        List<String> lexical = concat(dest, relative);
        List<String> parentLexical = lexical.subList(0, lexical.size() - 1);
        FsView.Located parent = view.resolve(path(parentLexical), true);
        if (!FsView.exists(parent)) {
            view.checkWritable(parent.components());
            Files.createDirectories(parent.host());
        } else if (!Files.isDirectory(parent.host(), LinkOption.NOFOLLOW_LINKS)) {
            throw new RuntimeError(500, "Error processing tar file: " + path(parent.components())
                    + ": not a directory");
        }
        FsView.Located target = view.resolve(path(lexical), false);
        view.checkWritable(target.components());
        Path host = target.host();
        BasicFileAttributes existing = lstat(host);
        if (existing != null) {
            if (noOverwriteDirNonDir && existing.isDirectory() && !entry.isDirectory()) {
                throw new RuntimeError(500, "cannot overwrite directory \"" + target.containerPath()
                        + "\" with non-directory \"" + path(dest) + "\"");
            }
            if (noOverwriteDirNonDir && !existing.isDirectory() && entry.isDirectory()) {
                throw new RuntimeError(500, "cannot overwrite non-directory \"" + target.containerPath()
                        + "\" with directory \"" + path(dest) + "\"");
            }
            boolean mergeDirectory = existing.isDirectory() && entry.isDirectory();
            // a regular file over a regular file is rewritten in place: it may be a bind-mounted file
            boolean rewrite = existing.isRegularFile() && isRegular(entry);
            if (!mergeDirectory && !rewrite) {
                Trees.delete(host);
            }
        }
        if (!create(entry, lexical, host, content)) {
            return;
        }
        metadata(entry, host);
    }

    /** commons-compress calls a symlink a "file" too: only these flags are regular files. */
    private static boolean isRegular(TarArchiveEntry e) {
        byte flag = e.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    private boolean create(TarArchiveEntry entry, List<String> lexical, Path host, InputStream content)
            throws IOException {
        if (entry.isDirectory()) {
            if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(host);
            }
            directoryTimes.put(host, entry.getLastModifiedTime());
        } else if (entry.isSymbolicLink()) {
            checkSymlink(entry, lexical);
            Files.createSymbolicLink(host, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Files.createLink(host, hardLinkSource(entry));
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            int type = entry.isCharacterDevice() ? Posix.S_IFCHR : Posix.S_IFBLK;
            Posix.mknod(host, type, entry.getMode(), entry.getDevMajor(), entry.getDevMinor());
        } else if (entry.isFIFO()) {
            Posix.mknod(host, Posix.S_IFIFO, entry.getMode(), 0, 0);
        } else if (isRegular(entry)) {
            try (OutputStream out = Files.newOutputStream(host, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                content.transferTo(out);
            }
        } else {
            throw new RuntimeError(500, "Error processing tar file: unhandled tar header type "
                    + (char) entry.getLinkFlag() + " for " + entry.getName());
        }
        return true;
    }

    /** dockerd refuses a relative link whose target, seen from the link's directory, is above the destination. */
    private void checkSymlink(TarArchiveEntry entry, List<String> lexical) {
        String link = entry.getLinkName();
        if (link.startsWith("/")) {
            return; // resolved in the container's scope whenever it is used
        }
        List<String> target = new ArrayList<>(lexical.subList(0, lexical.size() - 1));
        if (!climbsWithin(target, link)) {
            throw new RuntimeError(500, "Error processing tar file: invalid symlink \"" + path(lexical) + "\" -> \""
                    + link + "\"");
        }
    }

    private Path hardLinkSource(TarArchiveEntry entry) throws IOException {
        List<String> target = new ArrayList<>(dest);
        if (!climbsWithin(target, entry.getLinkName())) {
            throw new RuntimeError(500, "Error processing tar file: invalid hardlink \"" + path(target) + "\" -> \""
                    + entry.getLinkName() + "\"");
        }
        FsView.Located source = view.resolve(path(target), false);
        BasicFileAttributes a = lstat(source.host());
        if (a == null || a.isDirectory()) {
            throw new RuntimeError(500, "Error processing tar file: hard link target \"" + entry.getLinkName()
                    + "\" is not a file in the archive's destination");
        }
        return source.host();
    }

    /** Applies {@code relative} to {@code base} lexically; false when it ends above the destination. */
    private boolean climbsWithin(List<String> base, String relative) {
        for (String part : FsView.splitKeepingDots(relative)) {
            if (part.equals("..")) {
                if (base.isEmpty()) {
                    return false;
                }
                base.remove(base.size() - 1);
            } else {
                base.add(part);
            }
        }
        return base.size() >= dest.size() && base.subList(0, dest.size()).equals(dest);
    }

    /** Owner first (chown clears setuid bits), then mode, then time; links keep their own. */
    private void metadata(TarArchiveEntry entry, Path host) throws IOException {
        if (root) {
            long uid = owner != null ? owner.uid() : entry.getLongUserId();
            long gid = owner != null ? owner.gid() : entry.getLongGroupId();
            Posix.lchown(host, uid, gid);
        }
        if (entry.isSymbolicLink()) {
            return;
        }
        if (entry.isLink()) {
            return; // the link shares the target's inode and its metadata
        }
        Posix.chmod(host, entry.getMode());
        if (!entry.isDirectory()) {
            Posix.setTimes(host, entry.getLastModifiedTime(), entry.getLastModifiedTime());
        }
    }

    /** A tar name below the destination (Go's filepath.Clean; an absolute name is taken as relative). */
    private List<String> cleanBelow(String name) {
        boolean absolute = name.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String part : FsView.splitKeepingDots(name)) {
            if (!part.equals("..")) {
                parts.add(part);
            } else if (!parts.isEmpty()) {
                parts.remove(parts.size() - 1);
            } else if (!absolute) {
                throw new RuntimeError(500, "Error processing tar file: \"" + name + "\" is outside of \""
                        + path(dest) + "\"");
            }
        }
        return parts;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static String path(List<String> components) {
        return "/" + String.join("/", components);
    }

    private static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
