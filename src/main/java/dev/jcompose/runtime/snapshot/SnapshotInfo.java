package dev.jcompose.runtime.snapshot;

import java.time.Instant;

/** A snapshot as callers see it: {@code name} is the key of an active/view snapshot or the committed name. */
public record SnapshotInfo(String name, String parent, Kind kind, Instant created) {
}
