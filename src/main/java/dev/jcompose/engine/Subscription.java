package dev.jcompose.engine;

import java.io.Closeable;
import java.time.Duration;

/**
 * A running stream (logs, events). Frames arrive on an engine thread; close() stops the stream and is safe to
 * call more than once, from any thread.
 */
public interface Subscription extends Closeable {
    /**
     * Blocks until the stream ends by itself (log stream without follow, followed container stopped) or is
     * closed; false when {@code timeout} passed first. Rethrows a stream failure as a ComposeException.
     */
    boolean awaitCompletion(Duration timeout) throws InterruptedException;

    /** Blocks until the stream ends, with no limit. */
    default void awaitCompletion() throws InterruptedException {
        awaitCompletion(Duration.ofDays(365_000));
    }

    @Override
    void close();
}
