package dev.jcompose.runtime.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runc start's fifo handshake, against a real fifo with a thread playing runc init. */
class ExecFifoTest {
    @TempDir
    Path stateDir;

    private Path fifo() throws Exception {
        Path fifo = stateDir.resolve(ExecFifo.NAME);
        Process p = new ProcessBuilder("mkfifo", "-m", "622", fifo.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        return fifo;
    }

    /** What runc init does: open for writing (blocks until the reader comes), write "0", close at exec. */
    private static CompletableFuture<Void> init(Path fifo, byte[] written) {
        return CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo, StandardOpenOption.WRITE)) {
                out.write(written);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void releasesAWaitingInitAndRemovesTheFifoSoRuncSaysRunning() throws Exception {
        Path fifo = fifo();
        CompletableFuture<Void> init = init(fifo, "0".getBytes());
        assertEquals(ExecFifo.Outcome.STARTED, ExecFifo.release(stateDir, () -> true));
        init.get(5, TimeUnit.SECONDS);
        assertFalse(Files.exists(fifo));
    }

    @Test
    void initThatOpensLaterIsAwaitedWhileAlive() throws Exception {
        Path fifo = fifo();
        CompletableFuture<Void> init = CompletableFuture.runAsync(() -> sleep(300))
                .thenCompose(v -> init(fifo, "0".getBytes()));
        assertEquals(ExecFifo.Outcome.STARTED, ExecFifo.release(stateDir, () -> true));
        init.get(5, TimeUnit.SECONDS);
    }

    @Test
    void noFifoMeansNotCreatedAndIsLeftToRunc() {
        assertEquals(ExecFifo.Outcome.NOT_HANDLED, ExecFifo.release(stateDir, () -> true));
    }

    @Test
    void deadInitReleasesTheWaitingReaderAndIsLeftToRunc() throws Exception {
        Path fifo = fifo();
        assertEquals(ExecFifo.Outcome.NOT_HANDLED, ExecFifo.release(stateDir, () -> false));
        assertTrue(Files.exists(fifo), "runc start must still find the created state and report the error");
    }

    @Test
    void initThatWroteNothingIsLeftToRunc() throws Exception {
        Path fifo = fifo();
        CompletableFuture<Void> init = init(fifo, new byte[0]);
        assertEquals(ExecFifo.Outcome.NOT_HANDLED, ExecFifo.release(stateDir, () -> true));
        init.get(5, TimeUnit.SECONDS);
        assertTrue(Files.exists(fifo));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
