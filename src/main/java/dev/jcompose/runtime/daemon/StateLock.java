package dev.jcompose.runtime.daemon;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One owner of a state dir at a time: the daemon for its whole life, or an offline cleanup. An flock on a file
 * under the run dir, which the kernel drops when the holder dies (kill -9 included), so there is never a stale
 * lock to judge, unlike the pid file.
 */
public final class StateLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once (409) naming the file: another daemon or cleanup owns the state. */
    public static StateLock acquire(DaemonConfig config) {
        Path file = config.runDir().resolve("engine.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(config.runDir());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new StateLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by this very process (a second daemon object over the same dirs)
        } catch (IOException e) {
            closeQuietly(channel);
            throw RuntimeError.internal("cannot lock " + file + ": " + e.getMessage(), e);
        }
        closeQuietly(channel);
        throw RuntimeError.conflict("the engine state under " + config.root() + " is in use by another engine"
                + " process (lock " + file + ")");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel close below drops it anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held any more
            }
        }
    }
}
