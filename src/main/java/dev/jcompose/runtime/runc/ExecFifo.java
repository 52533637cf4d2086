package dev.jcompose.runtime.runc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@code runc start} does, without starting a runc process (~10 ms here, a fifth of a container start).
 * A created container's init waits in {@code open(O_WRONLY)} on {@code <runc root>/<id>/exec.fifo}; runc start
 * opens it for reading, reads the byte init writes (EOF follows when init execs the command: the fd is
 * close-on-exec), and removes the fifo — from then on runc reports the container running. This is runc's
 * protocol since 1.0 (libcontainer {@code exec()}); the version is checked at daemon start.
 *
 * <p>Only the ordinary case is handled here; anything else (no fifo: not in the created state; init gone
 * before it wrote) reports {@link Outcome#NOT_HANDLED} and the caller runs the real {@code runc start}, so the
 * errors stay runc's own.
 */
final class ExecFifo {
    static final String NAME = "exec.fifo";

    enum Outcome { STARTED, NOT_HANDLED }

    private ExecFifo() {
    }

    /**
     * Releases init of the container whose runc state dir is {@code stateDir}. {@code initAlive} is asked while
     * the open waits: an init that died never opens the write side, and our reader is then released by
     * opening that side ourselves (it reads nothing).
     */
    static Outcome release(Path stateDir, java.util.function.BooleanSupplier initAlive) {
        Path fifo = stateDir.resolve(NAME);
        if (!Files.exists(fifo, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(fifo)) {
            return Outcome.NOT_HANDLED;
        }
        CompletableFuture<Optional<byte[]>> read = new CompletableFuture<>();
        Thread.ofVirtual().name("exec-fifo").start(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                read.complete(Optional.of(in.readAllBytes()));
            } catch (IOException e) {
                read.complete(Optional.empty());
            }
        });
        byte[] data;
        try {
            data = awaitRead(read, fifo, initAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuncException("start", null, "interrupted while starting the container");
        }
        if (data == null || data.length == 0) {
            return Outcome.NOT_HANDLED; // init did not write: runc start says why
        }
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            throw new RuncException("start", null, "cannot remove " + fifo + ": " + e.getMessage());
        }
        return Outcome.STARTED;
    }

    private static byte[] awaitRead(CompletableFuture<Optional<byte[]>> read, Path fifo,
            java.util.function.BooleanSupplier initAlive) throws InterruptedException {
        while (true) {
            try {
                return read.get(100, TimeUnit.MILLISECONDS).orElse(null);
            } catch (TimeoutException e) {
                if (!initAlive.getAsBoolean()) {
                    unblock(fifo);
                    try {
                        read.get(1, TimeUnit.SECONDS);
                    } catch (TimeoutException | ExecutionException ignored) {
                        // the reader thread stays blocked at worst; the caller falls back to runc start
                    }
                    return null;
                }
            } catch (ExecutionException e) {
                return null;
            }
        }
    }

    /**
     * Opens the fifo read-write, which never blocks on Linux and counts as a writer: a reader blocked in
     * open(2) returns, and reads end of file once this closes.
     */
    private static void unblock(Path fifo) {
        try (FileChannel ignored = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // nothing to write
        } catch (IOException e) {
            // gone already: the reader's open failed or will fail
        }
    }
}
