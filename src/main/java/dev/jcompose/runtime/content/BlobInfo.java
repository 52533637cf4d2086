package dev.jcompose.runtime.content;

import java.time.Instant;

/** What the store knows about one committed blob. */
public record BlobInfo(Digest digest, long size, Instant committedAt) {
}
