package dev.jcompose.runtime.snapshot;

import java.util.List;

/**
 * Layered file systems for images and containers, shaped like containerd's snapshotter.
 *
 * <p>A snapshot is ACTIVE (writable), VIEW (read-only) or COMMITTED (immutable, usable as a parent).
 * Methods that give access return {@link Mount}s as data; nothing here mounts (see {@link Mounter}).
 *
 * <p>Unpacking an image of layers L1, L2 (chain ids C1, C2):
 * <pre>
 *   prepare("extract-1", null)  → mounts; write L1 into them;  commit("C1", "extract-1")
 *   prepare("extract-2", "C1")  → mounts; write L2 into them;  commit("C2", "extract-2")
 * </pre>
 * A container's root file system is then {@code prepare(containerId, "C2")}: its mounts show L1+L2 with a
 * private writable layer on top; {@code remove(containerId)} drops that layer. {@code view(key, "C2")} gives
 * a read-only tree of the image (e.g. to copy files out).
 *
 * <p>Errors are {@link dev.jcompose.runtime.RuntimeError}: 404 unknown key or parent, 409 key or name
 * taken or snapshot still a parent, 400 wrong kind for the operation.
 */
public interface Snapshotter {
    /** Creates an ACTIVE snapshot on top of the committed {@code parent} (null for an empty one). */
    List<Mount> prepare(String key, String parent);

    /** Creates a read-only VIEW of the committed {@code parent} (null for an empty one). */
    List<Mount> view(String key, String parent);

    /** The mounts of an ACTIVE or VIEW snapshot (again, e.g. after a daemon restart). */
    List<Mount> mounts(String key);

    /** Turns ACTIVE {@code key} into COMMITTED {@code name}; the key is gone afterwards. */
    void commit(String name, String key);

    /** Removes a snapshot that is nobody's parent; its files go with it. */
    void remove(String key);

    SnapshotInfo stat(String key);

    /** Whether a snapshot with this key or committed name exists. */
    boolean exists(String key);

    /** All snapshots, sorted by name. */
    List<SnapshotInfo> list();

    /** Disk use of the snapshot's own layer; fixed once committed. */
    Usage usage(String key);
}
