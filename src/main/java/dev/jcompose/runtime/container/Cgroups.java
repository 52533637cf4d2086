package dev.jcompose.runtime.container;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cgroupfs side of a container that runc does not clean up: runc delete removes the leaf
 * {@code <parent>/<id>} but leaves the parent in every hierarchy. Also reads the OOM-kill counter.
 */
public final class Cgroups {
    public static final Path DEFAULT_ROOT = Path.of("/sys/fs/cgroup");
    private final Path root;

    public Cgroups(Path root) {
        this.root = root;
    }

    public boolean isV2() {
        return Files.exists(root.resolve("cgroup.controllers"));
    }

    /** The directories of one cgroup path in every hierarchy (v1: one per controller mount; v2: one). */
    public List<Path> dirsOf(String cgroupsPath) {
        String relative = cgroupsPath.startsWith("/") ? cgroupsPath.substring(1) : cgroupsPath;
        List<Path> out = new ArrayList<>();
        if (isV2()) {
            out.add(root.resolve(relative));
            return out;
        }
        try (DirectoryStream<Path> hierarchies = Files.newDirectoryStream(root)) {
            for (Path h : hierarchies) {
                if (Files.isDirectory(h) && !Files.isSymbolicLink(h)) { // cpu,cpuacct-style links repeat a mount
                    out.add(h.resolve(relative));
                }
            }
        } catch (IOException e) {
            // no cgroupfs: nothing to list
        }
        out.sort(null);
        return out;
    }

    /**
     * Removes the container's leaf (if runc left it) and then the parent where it is empty; a parent that still
     * holds other containers stays. Returns the directories that still exist.
     */
    public List<Path> remove(String cgroupsPath) {
        boolean v2 = isV2();
        List<Path> left = new ArrayList<>();
        for (Path leaf : dirsOf(cgroupsPath)) {
            rmdir(leaf, left);
            Path parent = leaf.getParent();
            boolean hierarchyRoot = parent.equals(root) || (!v2 && parent.getParent().equals(root));
            if (!hierarchyRoot) {
                rmdir(parent, null);
                if (Files.exists(parent) && hasNoChildren(parent)) {
                    left.add(parent);
                }
            }
        }
        return left;
    }

    private static boolean hasNoChildren(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isDirectory)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static void rmdir(Path dir, List<Path> left) {
        try {
            Files.delete(dir); // rmdir(2): cgroupfs allows it once no task and no child cgroup remains
        } catch (NoSuchFileException | DirectoryNotEmptyException e) {
            // gone already, or a parent still used by another container
        } catch (IOException e) {
            if (left != null) {
                left.add(dir); // EBUSY: tasks are still inside
            }
        }
    }

    /** How many times the OOM killer struck in this cgroup (0 when unknown or gone). */
    public long oomKills(String cgroupsPath) {
        String relative = cgroupsPath.startsWith("/") ? cgroupsPath.substring(1) : cgroupsPath;
        Path file = isV2() ? root.resolve(relative).resolve("memory.events")
                : root.resolve("memory").resolve(relative).resolve("memory.oom_control");
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring(9).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // cgroup already removed or kernel without the counter
        }
        return 0;
    }
}
