package dev.jcompose.engine.fake;

import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.Subscription;
import dev.jcompose.error.ComposeException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stream fed by its own virtual thread, like the engine's stream threads: the sink runs off the caller's
 * thread and outside the store lock, so a sink may call the engine.
 */
final class ThreadSubscription implements Subscription {
    /** The stream body; returns when the stream ends by itself. Must stop soon after {@link #closed()}. */
    interface Body {
        void run(ThreadSubscription self) throws InterruptedException;
    }

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private final Thread thread;

    ThreadSubscription(String name, Body body) {
        this.thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                body.run(this);
            } catch (InterruptedException e) {
                // closed
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                done.countDown();
            }
        });
    }

    ThreadSubscription start() {
        thread.start();
        return this;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        boolean finished = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        RuntimeException e = failure;
        if (e != null) {
            throw e instanceof ComposeException ? e
                    : EngineErrors.failure("stream failed: " + e.getMessage(), e);
        }
        return finished;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
