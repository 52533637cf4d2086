package dev.jcompose.runtime.snapshot;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The changes of an overlay upper directory against its lower layers, as dockerd (overlay2) reports them for
 * {@code docker diff}. dockerd compares the whole merged tree with the merged tree of the layers below; only
 * paths present in the upper directory (or hidden by its whiteouts and opaque directories) can differ, so this
 * walks the upper directory and looks each name up in the lowers, with overlayfs's rules:
 * <ul>
 * <li>a name not in the lowers is Added, and so is everything under it;</li>
 * <li>a name in the lowers is Modified when its attributes differ ({@link LayerEntry#differsFrom}); a copied-up
 * file nobody changed is no change;</li>
 * <li>a whiteout (char device 0/0) of a name in the lowers is Deleted; an opaque directory deletes every name
 * of the lowers it does not hold itself; a deleted directory is one change, not one per file;</li>
 * <li>a directory holding a change is Modified itself, up to (not including) the root.</li>
 * </ul>
 * Nothing is written and no symlink is followed: each lookup is an lstat of a path whose parents were seen to
 * be directories. dockerd's order is a Go map's (random); this one is sorted by path.
 */
public final class LayerChanges {
    private final Path upper;
    private final Set<String> presentBelow;
    private final List<FileChange> changes = new ArrayList<>();

    private LayerChanges(Path upper, Set<String> presentBelow) {
        this.upper = upper;
        this.presentBelow = presentBelow;
    }

    /**
     * @param upper the writable layer
     * @param lowers the layers below, nearest first
     * @param presentBelow absolute paths taken as present below with the upper's own attributes when the lowers
     *     lack them: what dockerd's init layer holds (mount points the engine creates), so they are no change
     */
    public static List<FileChange> between(Path upper, List<Path> lowers, Set<String> presentBelow) {
        LayerChanges walk = new LayerChanges(upper, presentBelow);
        try {
            walk.directory("", upper, lowers, false);
        } catch (UncheckedIOException e) {
            throw RuntimeError.internal("cannot compare the layers of " + upper + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
        walk.changes.sort(Comparator.comparing(FileChange::path));
        return List.copyOf(walk.changes);
    }

    /** The changes of an ACTIVE snapshot, from its mounts (overlay upperdir/lowerdir, or a bind of its own dir). */
    public static List<FileChange> of(List<Mount> mounts, Set<String> presentBelow) {
        Mount m = mounts.get(0);
        if (!m.type().equals("overlay")) {
            return between(Path.of(m.source()), List.of(), presentBelow);
        }
        List<Path> lowers = new ArrayList<>();
        for (String lower : m.option("lowerdir").split(":")) {
            Path p = Path.of(lower);
            lowers.add(p.isAbsolute() || m.workingDir() == null ? p : m.workingDir().resolve(p));
        }
        return between(m.pathOption("upperdir"), lowers, presentBelow);
    }

    /**
     * Compares the children of directory {@code path} (relative, "" for the root).
     *
     * @param olds the lower directories that make up {@code path} below, nearest first
     * @param opaque whether the lowers are hidden here (this directory or one above is opaque or new)
     * @return whether a change was recorded under it
     */
    private boolean directory(String path, Path upperDir, List<Path> olds, boolean opaque) {
        int before = changes.size();
        Map<String, LayerEntry> entries = list(upperDir);
        for (Map.Entry<String, LayerEntry> e : entries.entrySet()) {
            String child = path + "/" + e.getKey();
            LayerEntry now = e.getValue();
            Lookup below = lookup(olds, e.getKey());
            if (now.isWhiteout()) {
                if (below != null && !opaque) {
                    changes.add(new FileChange(child, FileChange.Kind.DELETED));
                }
                continue;
            }
            if (below == null && presentBelow.contains(child)) {
                below = new Lookup(now, List.of());
            }
            boolean reported = below == null || now.differsFrom(below.entry());
            if (reported) {
                changes.add(new FileChange(child, below == null ? FileChange.Kind.ADDED : FileChange.Kind.MODIFIED));
            }
            if (now.isDirectory()) {
                List<Path> childOlds = below == null ? List.of() : below.dirs();
                boolean hidden = opaque || now.opaque() || below == null || !below.entry().isDirectory();
                boolean inner = directory(child, upperDir.resolve(e.getKey()), childOlds, hidden);
                if (inner && !reported) {
                    changes.add(new FileChange(child, FileChange.Kind.MODIFIED));
                }
            }
        }
        if (opaque) {
            for (String gone : mergedNames(olds)) {
                LayerEntry now = entries.get(gone);
                if (now == null || now.isWhiteout()) {
                    changes.add(new FileChange(path + "/" + gone, FileChange.Kind.DELETED));
                }
            }
        }
        return changes.size() > before;
    }

    /** The entry named {@code name} in the merged lowers, with the lower directories that make it up if a dir. */
    private record Lookup(LayerEntry entry, List<Path> dirs) {
    }

    private static Lookup lookup(List<Path> olds, String name) {
        LayerEntry top = null;
        List<Path> dirs = new ArrayList<>();
        for (Path dir : olds) {
            LayerEntry e = LayerEntry.read(dir.resolve(name));
            if (e == null) {
                continue;
            }
            if (e.isWhiteout() || (top != null && !e.isDirectory())) {
                break; // hidden from here down
            }
            if (top == null) {
                top = e;
            }
            if (!e.isDirectory()) {
                break;
            }
            dirs.add(dir.resolve(name));
            if (e.opaque()) {
                break;
            }
        }
        return top == null ? null : new Lookup(top, List.copyOf(dirs));
    }

    /** The names a merged view of these directories shows (whiteouts hide names further down). */
    private static Set<String> mergedNames(List<Path> olds) {
        Set<String> seen = new TreeSet<>();
        Set<String> visible = new TreeSet<>();
        for (Path dir : olds) {
            for (Map.Entry<String, LayerEntry> e : list(dir).entrySet()) {
                if (seen.add(e.getKey()) && !e.getValue().isWhiteout()) {
                    visible.add(e.getKey());
                }
            }
        }
        return visible;
    }

    /** The directory's entries by name (sorted); empty when it is gone (a running container may delete it). */
    private static Map<String, LayerEntry> list(Path dir) {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, LayerEntry> out = new LinkedHashMap<>();
        for (Path child : children) {
            LayerEntry e = LayerEntry.read(child);
            if (e != null) {
                out.put(child.getFileName().toString(), e);
            }
        }
        return out;
    }
}
