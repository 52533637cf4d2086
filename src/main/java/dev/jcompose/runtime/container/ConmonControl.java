package dev.jcompose.runtime.container;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * conmon's control FIFO ({@code <bundle>/ctl}): one line per event, {@code "1 <rows> <columns>\n"} resizes the
 * terminal. Opened non-blocking for writing, so a conmon that is gone (no reader) fails fast instead of hanging
 * the caller, as a plain open of a FIFO would.
 */
final class ConmonControl {
    private static final int O_WRONLY = 1;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    private static final int WIN_RESIZE_EVENT = 1;

    private interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        long write(int fd, byte[] buffer, long length) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    private ConmonControl() {
    }

    /**
     * Resizes as soon as conmon reads its control FIFO. conmon makes that FIFO just after its attach socket listens,
     * so a caller that has just connected to the socket can be a few ms early (no FIFO yet, or no reader on it).
     */
    static void resizeWhenReady(Path bundleDir, int rows, int columns, long timeoutMillis) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            try {
                resize(bundleDir, rows, columns);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(2);
            }
        }
    }

    /** Resizes the terminal conmon holds for the bundle in {@code bundleDir}. */
    static void resize(Path bundleDir, int rows, int columns) throws IOException {
        if (rows <= 0 || columns <= 0) {
            return; // Docker ignores a zero size (what a client sends before it knows the terminal's)
        }
        byte[] line = (WIN_RESIZE_EVENT + " " + rows + " " + columns + "\n").getBytes(StandardCharsets.US_ASCII);
        Path fifo = bundleDir.resolve("ctl");
        int fd;
        try {
            fd = Holder.LIBC.open(fifo.toString(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("no terminal to resize (" + fifo + ": errno " + e.getErrorCode() + ")");
        }
        try {
            Holder.LIBC.write(fd, line, line.length);
        } catch (LastErrorException e) {
            throw new IOException("resize: errno " + e.getErrorCode());
        } finally {
            Holder.LIBC.close(fd);
        }
    }
}
