package dev.jcompose.app;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.engine.Subscription;
import dev.jcompose.error.ComposeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams the logs of several containers at once into one sink. One stream per container at a time: asking
 * again while the previous stream still runs does nothing (a replayed start event must not print twice).
 * Streams end by themselves (without follow, or when a followed container stops) or on close().
 */
public final class LogStreamer implements AutoCloseable {
    private final Engine engine;
    private final LogSink sink;
    private final Map<String, Subscription> streams = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public LogStreamer(Engine engine, LogSink sink) {
        this.engine = engine;
        this.sink = sink;
    }

    /**
     * Starts streaming one container. {@code after}, when set, drops records written before that instant: the
     * engine's `since` has whole-second precision, which would repeat up to a second of older output.
     */
    public synchronized void stream(String id, String source, LogOptions options, Instant after) {
        if (closed) {
            return;
        }
        Subscription running = streams.get(id);
        if (running != null && !finished(running)) {
            return;
        }
        LogOptions effective = after != null && (options.since() == null || options.since().isBefore(after))
                ? options.withSince(after) : options;
        streams.put(id, engine.logs(id, effective, frame -> {
            if (after == null || frame.timestamp() == null || !frame.timestamp().isBefore(after)) {
                sink.log(source, frame);
            }
        }));
    }

    public boolean isStreaming(String id) {
        Subscription s = streams.get(id);
        return s != null && !finished(s);
    }

    /** Waits (bounded) for one container's stream to deliver its last lines: before its exit status prints. */
    public void drain(String id, Duration timeout) throws InterruptedException {
        Subscription s = streams.get(id);
        if (s != null) {
            try {
                s.awaitCompletion(timeout);
            } catch (ComposeException e) {
                // a failed stream has nothing more to deliver
            }
        }
    }

    /** Waits for every stream to end by itself; rethrows the first stream failure. */
    public void awaitAll() throws InterruptedException {
        ComposeException first = null;
        for (Subscription s : snapshot()) {
            try {
                s.awaitCompletion();
            } catch (ComposeException e) {
                if (first == null && !closed) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Waits up to {@code timeout} in total for the streams to end. */
    public void awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Subscription s : snapshot()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                s.awaitCompletion(Duration.ofNanos(left));
            } catch (ComposeException e) {
                // ending anyway
            }
        }
    }

    private synchronized List<Subscription> snapshot() {
        return new ArrayList<>(streams.values());
    }

    private static boolean finished(Subscription s) {
        try {
            return s.awaitCompletion(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ComposeException e) {
            return true;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        streams.values().forEach(Subscription::close);
    }
}
