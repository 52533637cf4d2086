package dev.jcompose.runtime.snapshot;

/** The three states of a snapshot (containerd's Kind). */
public enum Kind {
    /** Read-only view of a committed parent; cannot be committed. */
    VIEW,
    /** Writable; becomes a layer when committed. */
    ACTIVE,
    /** Immutable; a parent for other snapshots; has no mounts of its own. */
    COMMITTED
}
