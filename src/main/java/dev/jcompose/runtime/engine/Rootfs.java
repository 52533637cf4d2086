package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.snapshot.Mounter;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A container's root file system: an ACTIVE snapshot (key = container id) over the image's layers, mounted
 * by the {@link Mounter} at {@code <container dir>/rootfs} while the container runs (and briefly at create for
 * copy-up). Also fills new volumes with the image's content at their destination, as Docker does.
 */
final class Rootfs {
    private final Snapshotter snapshotter;
    private final Mounter mounter;
    private final ContainerStore store;

    Rootfs(Snapshotter snapshotter, Mounter mounter, ContainerStore store) {
        this.snapshotter = snapshotter;
        this.mounter = mounter;
        this.store = store;
    }

    Path dir(String id) {
        return store.dirOf(id).resolve("rootfs");
    }

    /** Creates the writable layer on top of the image's top layer (null: an image without layers). */
    void prepare(String id, String parent) {
        snapshotter.prepare(id, parent);
    }

    /** Bytes of the files in the container's writable layer, as dockerd's SizeRw counts them; 0 without one. */
    long writableSize(String id) {
        return snapshotter.exists(id) ? snapshotter.usage(id).size() : 0;
    }

    /** What the container changed in its layer, as docker diff lists it (read only; mounted or not). */
    List<dev.jcompose.runtime.snapshot.FileChange> changes(String id) {
        return ContainerChanges.of(snapshotter, id);
    }

    void mount(String id) {
        Path target = dir(id);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw RuntimeError.internal("cannot create " + target + ": " + e.getMessage(), e);
        }
        if (!mounter.isMounted(target)) {
            mounter.mount(snapshotter.mounts(id), target);
        }
    }

    boolean isMounted(String id) {
        return mounter.isMounted(dir(id));
    }

    /** Unmounts; a busy mount is retried briefly (a just-killed process may still hold it for a moment). */
    void unmount(String id) {
        Path target = dir(id);
        RuntimeException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                mounter.unmount(target);
                return;
            } catch (RuntimeException e) {
                last = e;
                sleep(50);
            }
        }
        throw last;
    }

    /** Drops the snapshot (after unmount); an unknown one is fine (cleanup must be idempotent). */
    void remove(String id) {
        if (snapshotter.exists(id)) {
            snapshotter.remove(id);
        }
    }

    /**
     * Copies the image's files at each volume's destination into the volume when it is still empty, like
     * Docker's copy-up at create. The rootfs is mounted for the copy only if some volume needs it.
     */
    void copyUp(String id, List<MountPoint> mounts, VolumeStore volumes) {
        List<MountPoint> wanted = mounts.stream().filter(m -> m.isVolume() && m.copyData())
                .filter(m -> volumes.isEmpty(m.name())).toList();
        if (wanted.isEmpty()) {
            return;
        }
        mount(id);
        try {
            for (MountPoint m : wanted) {
                Path source = ScopedPath.resolve(dir(id), m.destination());
                if (Files.isDirectory(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    copyTree(source, Path.of(m.source()));
                }
            }
        } finally {
            unmount(id);
        }
    }

    /** cp -a of the directory's content: owners, modes, times, links, devices and xattrs kept, links not followed. */
    private static void copyTree(Path from, Path to) {
        try {
            Process p = new ProcessBuilder("cp", "-a", "--", from + "/.", to + "/")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RuntimeError(500, "copying image data into a volume timed out");
            }
            if (p.exitValue() != 0) {
                throw new RuntimeError(500, "copying image data from " + from + " failed (exit " + p.exitValue() + ")");
            }
        } catch (IOException e) {
            throw RuntimeError.internal("cannot copy image data: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RuntimeError.internal("interrupted while copying image data", e);
        }
    }

    /** The working directory exists in the rootfs (Docker creates a missing one), resolved inside the rootfs. */
    void ensureDirectory(String id, String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return;
        }
        Path resolved = ScopedPath.resolve(dir(id), path);
        try {
            Files.createDirectories(resolved);
        } catch (IOException e) {
            throw RuntimeError.internal("cannot create the working directory " + path + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
