package dev.jcompose.exec;

import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An exclusive per-project lock held while a command changes the project, so two `up` on one project never
 * interleave (compose has none). An OS file lock: released by the kernel if the process dies, so a killed CLI
 * never leaves a stale lock behind.
 */
public final class ProjectLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ProjectLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The directory holding lock files: /run/jcompose/locks for root, else a per-user temp dir. */
    public static Path defaultDir() {
        Path run = Path.of("/run/jcompose/locks");
        try {
            Files.createDirectories(run);
            if (Files.isWritable(run)) {
                return run;
            }
        } catch (IOException | SecurityException e) {
            // not root: fall back below
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "jcompose-locks-" + System.getProperty("user.name"));
    }

    /**
     * Takes the lock, waiting up to {@code wait} while another process holds it ({@code onWait} is told once).
     *
     * @throws ComposeException CONFLICT "project busy" when still held after the wait
     */
    public static ProjectLock acquire(Path dir, String project, Duration wait, Consumer<String> onWait) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(project + ".lock");
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            long deadline = System.nanoTime() + wait.toNanos();
            boolean told = false;
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // held by this JVM (another thread/command in-process)
                }
                if (l != null) {
                    ch.truncate(0);
                    ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                            .getBytes(StandardCharsets.US_ASCII)), 0);
                    return new ProjectLock(ch, l);
                }
                if (System.nanoTime() >= deadline) {
                    ch.close();
                    throw new ComposeException(ComposeException.Kind.CONFLICT, "project " + project
                            + " is busy: another jcompose command (pid " + holder(file)
                            + ") is changing it; retry when it has finished");
                }
                if (!told) {
                    onWait.accept("waiting for project " + project + " (locked by pid " + holder(file) + ")");
                    told = true;
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new ComposeException(ComposeException.Kind.INTERNAL, "cannot lock project " + project + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "interrupted while waiting for project lock");
        }
    }

    private static String holder(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock anyway
        }
    }
}
