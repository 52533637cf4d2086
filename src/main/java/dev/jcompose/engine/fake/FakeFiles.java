package dev.jcompose.engine.fake;

import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.PathStat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Each fake container's filesystem as a map of absolute paths, enough for the archive endpoints: stat, a tar
 * of a path (root entry named after the path's last element, as dockerd does) and extraction of a tar into a
 * directory. Every container starts with /, /etc and /tmp.
 */
public final class FakeFiles {
    /** One file system entry; data is null for directories and symlinks. */
    record Entry(boolean directory, String linkTarget, byte[] data, int mode, Instant mtime, long uid, long gid) {
        PathStat stat(String name) {
            long type = directory ? PathStat.MODE_DIR : linkTarget != null ? PathStat.MODE_SYMLINK : 0;
            return new PathStat(name, data == null ? 0 : data.length, type | mode, mtime, linkTarget);
        }
    }

    private final Map<String, NavigableMap<String, Entry>> trees = new ConcurrentHashMap<>();

    private NavigableMap<String, Entry> tree(String containerId) {
        return trees.computeIfAbsent(containerId, id -> {
            NavigableMap<String, Entry> t = new TreeMap<>();
            for (String dir : List.of("/", "/etc", "/tmp")) {
                t.put(dir, new Entry(true, null, null, 0755, Instant.EPOCH, 0, 0));
            }
            return t;
        });
    }

    /** One container's files, for tests: put a file, a directory or a symlink there, read one back. */
    public final class View {
        private final FakeContainer c;

        View(FakeContainer c) {
            this.c = c;
        }

        public Optional<byte[]> read(String path) {
            synchronized (FakeFiles.this) {
                Entry e = tree(c.id).get(normalize(path));
                return e == null || e.data() == null ? Optional.empty() : Optional.of(e.data().clone());
            }
        }

        public View write(String path, byte[] data) {
            return put(path, new Entry(false, null, data.clone(), 0644, Instant.EPOCH, 0, 0));
        }

        public View mkdir(String path) {
            return put(path, new Entry(true, null, null, 0755, Instant.EPOCH, 0, 0));
        }

        public View symlink(String path, String target) {
            return put(path, new Entry(false, target, null, 0777, Instant.EPOCH, 0, 0));
        }

        private View put(String path, Entry e) {
            synchronized (FakeFiles.this) {
                String p = normalize(path);
                requireDirectory(c, parent(p));
                tree(c.id).put(p, e);
            }
            return this;
        }
    }

    View view(FakeContainer c) {
        return new View(c);
    }

    synchronized Optional<PathStat> stat(FakeContainer c, String path) {
        String p = normalize(path);
        Entry e = tree(c.id).get(p);
        if (e == null) {
            return Optional.empty();
        }
        PathStat stat = e.stat(baseName(p));
        if (e.linkTarget() != null) {
            // dockerd reports a link's target resolved to an absolute path in the container
            String target = e.linkTarget().startsWith("/") ? e.linkTarget() : parent(p) + "/" + e.linkTarget();
            stat = new PathStat(stat.name(), stat.size(), stat.mode(), stat.mtime(), normalize(target));
        }
        return Optional.of(stat);
    }

    synchronized InputStream archive(FakeContainer c, String path) {
        String p = normalize(path);
        NavigableMap<String, Entry> tree = tree(c.id);
        if (!tree.containsKey(p)) {
            throw EngineErrors.notFound("Could not find the file " + path + " in container " + c.name);
        }
        // dockerd roots the archive of "dir/." at "." (the directory's contents), else at the last element.
        String base = path.endsWith("/.") ? "." : baseName(p);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            String prefix = p.equals("/") ? "/" : p + "/";
            put(tar, base, tree.get(p));
            for (Map.Entry<String, Entry> e : tree.tailMap(prefix, false).entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    break;
                }
                put(tar, base + "/" + e.getKey().substring(prefix.length()), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static void put(TarArchiveOutputStream tar, String name, Entry e) throws IOException {
        TarArchiveEntry entry;
        if (e.directory()) {
            entry = new TarArchiveEntry(name + "/");
        } else if (e.linkTarget() != null) {
            entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(e.linkTarget());
        } else {
            entry = new TarArchiveEntry(name);
            entry.setSize(e.data().length);
        }
        entry.setMode(e.mode());
        entry.setModTime(e.mtime().toEpochMilli());
        entry.setUserId(e.uid());
        entry.setGroupId(e.gid());
        tar.putArchiveEntry(entry);
        if (e.data() != null) {
            tar.write(e.data());
        }
        tar.closeArchiveEntry();
    }

    synchronized void extract(FakeContainer c, String directory, InputStream archive, boolean copyOwnership) {
        String dir = normalize(directory);
        requireDirectory(c, dir);
        NavigableMap<String, Entry> tree = tree(c.id);
        Deque<Map.Entry<String, Entry>> staged = new ArrayDeque<>();
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(archive);
            for (TarArchiveEntry t = tar.getNextEntry(); t != null; t = tar.getNextEntry()) {
                String name = stripSlashes(t.getName());
                if (name.isEmpty() || name.equals(".")) {
                    continue;
                }
                String target = normalize(dir + "/" + name);
                if (!target.startsWith(dir.equals("/") ? "/" : dir + "/")) {
                    throw EngineErrors.failure("invalid archive entry " + t.getName() + ": leaves " + directory);
                }
                long uid = copyOwnership ? t.getLongUserId() : 0;
                long gid = copyOwnership ? t.getLongGroupId() : 0;
                Instant mtime = t.getLastModifiedTime() == null ? Instant.EPOCH : t.getLastModifiedTime().toInstant();
                Entry e = t.isDirectory() ? new Entry(true, null, null, t.getMode() & 07777, mtime, uid, gid)
                        : t.isSymbolicLink() ? new Entry(false, t.getLinkName(), null, 0777, mtime, uid, gid)
                        : new Entry(false, null, tar.readAllBytes(), t.getMode() & 07777, mtime, uid, gid);
                Entry existing = tree.get(target);
                if (existing != null && existing.directory() && !e.directory()) {
                    throw EngineErrors.failure("cannot overwrite directory \"" + target + "\" with non-directory");
                }
                staged.add(Map.entry(target, e));
            }
        } catch (IOException e) {
            throw EngineErrors.failure("invalid archive: " + e.getMessage(), e);
        }
        for (Map.Entry<String, Entry> e : staged) {
            makeParents(tree, e.getKey());
            tree.put(e.getKey(), e.getValue());
        }
    }

    private void requireDirectory(FakeContainer c, String dir) {
        Entry e = tree(c.id).get(dir);
        if (e == null) {
            throw EngineErrors.notFound("Could not find the file " + dir + " in container " + c.name);
        }
        if (!e.directory()) {
            throw EngineErrors.failure("extraction point is not a directory");
        }
    }

    private static void makeParents(NavigableMap<String, Entry> tree, String path) {
        List<String> missing = new ArrayList<>();
        for (String p = parent(path); !tree.containsKey(p); p = parent(p)) {
            missing.add(p);
        }
        missing.forEach(p -> tree.put(p, new Entry(true, null, null, 0755, Instant.EPOCH, 0, 0)));
    }

    /** Absolute, without "." and ".." or a trailing slash; ".." never climbs above /. */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    static String parent(String normalized) {
        int slash = normalized.lastIndexOf('/');
        return slash <= 0 ? "/" : normalized.substring(0, slash);
    }

    static String baseName(String normalized) {
        return normalized.equals("/") ? "/" : normalized.substring(normalized.lastIndexOf('/') + 1);
    }

    private static String stripSlashes(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }
}
