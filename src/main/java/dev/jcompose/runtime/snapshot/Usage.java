package dev.jcompose.runtime.snapshot;

/** Disk use of one snapshot's own files (not its parents'): bytes and inodes, hard links counted once. */
public record Usage(long size, long inodes) {
}
