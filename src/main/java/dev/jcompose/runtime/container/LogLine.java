package dev.jcompose.runtime.container;

import java.time.Instant;

/**
 * One line of container output. {@code time} is when the monitor read it (null for raw files, whose reader
 * stamps lines itself); {@code partial} marks a chunk that continues in the next line (conmon's "P" tag).
 */
public record LogLine(Instant time, Stream stream, String text, boolean partial) {
    public enum Stream { STDOUT, STDERR }
}
