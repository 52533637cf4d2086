package dev.jcompose.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;
import dev.jcompose.engine.Subscription;
import dev.jcompose.error.ComposeException;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Bridges a docker-java streaming callback to a {@link Subscription}. Errors after close() are the stream
 * being torn down on purpose and are dropped; a failing consumer ends the stream and is rethrown by
 * awaitCompletion.
 */
final class StreamSubscription<T> implements ResultCallback<T>, Subscription {
    private final Consumer<T> consumer;
    private final URI host;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Closeable stream;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    StreamSubscription(Consumer<T> consumer, URI host) {
        this.consumer = consumer;
        this.host = host;
    }

    @Override
    public void onStart(Closeable stream) {
        this.stream = stream;
        if (closed) {
            closeQuietly(stream);
        }
    }

    @Override
    public void onNext(T item) {
        if (closed) {
            return;
        }
        try {
            consumer.accept(item);
        } catch (RuntimeException e) {
            failure = e;
            close();
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!closed) {
            failure = error instanceof RuntimeException re ? DockerErrors.fromClient(re, host)
                    : DockerErrors.fromClient(new RuntimeException(error), host);
        }
        done.countDown();
    }

    @Override
    public void onComplete() {
        done.countDown();
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        boolean finished = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        RuntimeException e = failure;
        if (e != null) {
            throw e instanceof ComposeException ? e : DockerErrors.fromClient(e, host);
        }
        return finished;
    }

    @Override
    public void close() {
        closed = true;
        Closeable s = stream;
        if (s != null) {
            closeQuietly(s);
        }
        done.countDown();
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // the stream is going away either way
        }
    }
}
