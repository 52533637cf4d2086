package dev.jcompose.app.build;

import dev.jcompose.app.build.IgnorePattern.BadPatternException;
import dev.jcompose.app.build.PatternMatcher.ParentResults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a build context directory as a tar the way docker's archive.TarWithOptions does: a depth-first walk in
 * byte order of names, entries excluded by the patterns left out (an excluded directory is still entered when an
 * exception could re-include something below it), lstat metadata (symlinks are stored as links and never
 * followed, hard links as links to their first name), uid/gid 0, mtimes to the second. Real mtimes and modes are
 * kept: they end up in the image.
 */
final class ContextTar {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** Content that replaces (or adds, at the end) the entry of that name. */
    record Injected(String name, byte[] content, int mode, FileTime mtime) {
    }

    private final Path root;
    private final PatternMatcher matcher;
    private final Map<String, Injected> injected;
    private final TarArchiveOutputStream tar;
    private final Map<String, String> firstNameByInode = new HashMap<>();
    private final List<String> entries = new ArrayList<>();

    private ContextTar(Path root, PatternMatcher matcher, Map<String, Injected> injected, OutputStream out) {
        this.root = root;
        this.matcher = matcher;
        this.injected = new HashMap<>(injected);
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Writes the tar and returns its entry list ("dir/", "file", "link -> target", "hard => first"). */
    static List<String> write(Path root, PatternMatcher matcher, List<Injected> injected, OutputStream out)
            throws IOException, BadPatternException {
        Map<String, Injected> byName = new HashMap<>();
        injected.forEach(i -> byName.put(i.name(), i));
        ContextTar writer = new ContextTar(root, matcher, byName, out);
        writer.walk(root, "", ParentResults.NONE);
        for (Injected extra : injected) { // not replaced in place: appended in the order given
            if (writer.injected.containsKey(extra.name())) {
                writer.addInjected(extra);
            }
        }
        writer.tar.finish();
        return List.copyOf(writer.entries);
    }

    private void walk(Path dir, String prefix, ParentResults parent) throws IOException, BadPatternException {
        for (Path child : sortedChildren(dir)) {
            String name = child.getFileName().toString();
            String rel = prefix + name;
            boolean isDir = Files.isDirectory(child, NOFOLLOW);
            PatternMatcher.Result result = matcher.matchesUsingParentResults(rel, parent);
            if (result.excluded()) {
                if (isDir && mayReinclude(rel)) {
                    walk(child, rel + "/", result.forChildren());
                }
                continue;
            }
            add(child, rel, isDir);
            if (isDir) {
                walk(child, rel + "/", result.forChildren());
            }
        }
    }

    /** An excluded directory is still entered when an exception pattern starts with it. */
    private boolean mayReinclude(String dir) {
        if (!matcher.hasExceptions()) {
            return false;
        }
        String dirSlash = dir + "/";
        return matcher.patterns().stream().filter(IgnorePattern::exception)
                .anyMatch(p -> (p.text() + "/").startsWith(dirSlash));
    }

    /** Children sorted like Go's os.ReadDir: by the bytes of their UTF-8 names. */
    private static List<Path> sortedChildren(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));
        return children;
    }

    private static byte[] utf8(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    private void add(Path file, String rel, boolean isDir) throws IOException {
        Injected replacement = injected.remove(rel);
        if (replacement != null && !isDir) {
            addInjected(replacement);
            return;
        }
        Map<String, Object> attrs = Files.readAttributes(file, "unix:mode,ino,dev,nlink,lastModifiedTime", NOFOLLOW);
        int mode = (Integer) attrs.get("mode");
        int type = mode & 0170000;
        TarArchiveEntry entry;
        String listed;
        if (isDir) {
            entry = new TarArchiveEntry(rel + "/", TarConstants.LF_DIR);
            listed = rel + "/";
        } else if (type == 0120000) {
            String target = Files.readSymbolicLink(file).toString();
            entry = new TarArchiveEntry(rel, TarConstants.LF_SYMLINK);
            entry.setLinkName(target);
            listed = rel + " -> " + target;
        } else if (type == 0100000) {
            String inode = attrs.get("dev") + ":" + attrs.get("ino");
            String first = (Integer) attrs.get("nlink") > 1 ? firstNameByInode.putIfAbsent(inode, rel) : null;
            if (first != null) {
                entry = new TarArchiveEntry(rel, TarConstants.LF_LINK);
                entry.setLinkName(first);
                listed = rel + " => " + first;
            } else {
                entry = new TarArchiveEntry(rel, TarConstants.LF_NORMAL);
                entry.setSize(Files.size(file));
                listed = rel;
            }
        } else if (type == 0010000) {
            entry = new TarArchiveEntry(rel, TarConstants.LF_FIFO);
            listed = rel + " (fifo)";
        } else {
            return; // sockets and device nodes: docker cannot send them either
        }
        entry.setMode(mode & 07777);
        entry.setModTime(seconds((FileTime) attrs.get("lastModifiedTime")));
        owned(entry);
        if (entry.isFile() && entry.getSize() > 0) {
            // Opening checks readability too: an unreadable file fails the build, as docker's context check does.
            try (InputStream in = Files.newInputStream(file, NOFOLLOW)) {
                tar.putArchiveEntry(entry);
                long copied = in.transferTo(tar);
                if (copied != entry.getSize()) {
                    throw new IOException("file changed while packing the build context: " + file);
                }
            } catch (AccessDeniedException e) {
                throw new UnreadableFileException(file);
            }
        } else {
            tar.putArchiveEntry(entry);
        }
        tar.closeArchiveEntry();
        entries.add(listed);
    }

    private void addInjected(Injected file) throws IOException {
        injected.remove(file.name());
        TarArchiveEntry entry = new TarArchiveEntry(file.name(), TarConstants.LF_NORMAL);
        entry.setSize(file.content().length);
        entry.setMode(file.mode());
        entry.setModTime(seconds(file.mtime()));
        owned(entry);
        tar.putArchiveEntry(entry);
        tar.write(file.content());
        tar.closeArchiveEntry();
        entries.add(file.name());
    }

    private static void owned(TarArchiveEntry entry) {
        // commons-compress fills in the JVM user's name; docker sends uid/gid 0 and no names
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
    }

    private static FileTime seconds(FileTime time) {
        return FileTime.from(time.to(TimeUnit.SECONDS), TimeUnit.SECONDS);
    }

    /** A file of the context that cannot be read. */
    static final class UnreadableFileException extends IOException {
        UnreadableFileException(Path file) {
            super("no permission to read from '" + file + "'");
        }
    }
}
