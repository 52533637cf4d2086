package dev.jcompose.runtime.engine;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Notices containers whose PID 1 exited: conmon writes {@code <exitDir>/<id>} at the exit, which inotify reports
 * at once; a slow sweep ({@code sweep}) catches anything inotify missed (and containers without conmon). Each
 * notice runs {@code onExit} on its own virtual thread; the engine makes the handling idempotent.
 */
final class ExitWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ExitWatcher.class.getName());

    private final Path exitDir;
    private final Consumer<String> onExit;
    private final Runnable sweep;
    private final Duration sweepEvery;
    private WatchService watcher;
    private Thread thread;
    private volatile boolean closed;

    ExitWatcher(Path exitDir, Consumer<String> onExit, Runnable sweep, Duration sweepEvery) {
        this.exitDir = exitDir;
        this.onExit = onExit;
        this.sweep = sweep;
        this.sweepEvery = sweepEvery;
    }

    void start() {
        try {
            Files.createDirectories(exitDir);
            watcher = FileSystems.getDefault().newWatchService();
            exitDir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "no inotify on " + exitDir + " (" + e.getMessage()
                    + "): exits are found by the periodic sweep only");
            watcher = null;
        }
        thread = Thread.ofPlatform().daemon().name("exit-watcher").start(this::loop);
    }

    private void loop() {
        long nextSweep = System.nanoTime() + sweepEvery.toNanos();
        while (!closed) {
            try {
                long waitMs = Math.max(1, (nextSweep - System.nanoTime()) / 1_000_000);
                WatchKey key = watcher == null ? null : watcher.poll(waitMs, TimeUnit.MILLISECONDS);
                if (watcher == null) {
                    Thread.sleep(waitMs);
                }
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.context() instanceof Path name) {
                            String id = name.getFileName().toString();
                            Thread.ofVirtual().name("exit-" + id.substring(0, Math.min(12, id.length())))
                                    .start(() -> onExit.accept(id));
                        }
                    }
                    key.reset();
                }
                if (System.nanoTime() >= nextSweep) {
                    sweep.run();
                    nextSweep = System.nanoTime() + sweepEvery.toNanos();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "exit watcher: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            // closing
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
