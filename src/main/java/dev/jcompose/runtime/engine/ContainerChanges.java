package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.snapshot.FileChange;
import dev.jcompose.runtime.snapshot.LayerChanges;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.util.List;
import java.util.Set;

/**
 * {@code docker diff}: the changes of a container's writable layer against its image. dockerd compares against
 * the image plus the container's init layer, which holds the mount points it makes for every container; here
 * runc makes them in the writable layer itself, so they are taken as present below (no change), as they are
 * for dockerd. Mount points of volumes and binds stay Added: dockerd's init layer does not hold them either.
 */
final class ContainerChanges {
    /** dockerd's init layer (daemon/initlayer) and the directories holding it. */
    static final Set<String> INIT_LAYER = Set.of("/dev", "/dev/pts", "/dev/shm", "/dev/console", "/proc", "/sys",
            "/.dockerenv", "/etc", "/etc/resolv.conf", "/etc/hosts", "/etc/hostname", "/etc/mtab");

    private ContainerChanges() {
    }

    /** Empty when the container has no writable layer (nothing changed that dockerd could see). */
    static List<FileChange> of(Snapshotter snapshotter, String id) {
        if (!snapshotter.exists(id)) {
            return List.of();
        }
        return LayerChanges.of(snapshotter.mounts(id), INIT_LAYER);
    }
}
