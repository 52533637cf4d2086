package dev.jcompose.engine;

import java.time.Instant;

/**
 * One log record: usually one line including its trailing newline. stream is STDOUT for tty containers
 * (their output is not multiplexed). timestamp is the engine's, when the line was written.
 */
public record LogFrame(Stream stream, Instant timestamp, String text) {
    public enum Stream { STDOUT, STDERR }
}
