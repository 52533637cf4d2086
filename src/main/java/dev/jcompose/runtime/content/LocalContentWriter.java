package dev.jcompose.runtime.content;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.UUID;

/** Writes to a temp file under content/ingest while hashing; {@link LocalContentStore} does the rename. */
final class LocalContentWriter extends ContentWriter {
    interface Committer {
        BlobInfo commit(Path temp, Digest digest, long size) throws IOException;
    }

    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private final MessageDigest sha256 = Digest.newSha256();
    private final Committer committer;
    private long size;
    private Digest digest;
    private boolean closed;

    LocalContentWriter(Path ingestDir, Committer committer) {
        this.committer = committer;
        this.temp = ingestDir.resolve(UUID.randomUUID().toString());
        try {
            this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw RuntimeError.internal("cannot start ingest in " + ingestDir + ": " + e.getMessage(), e);
        }
        this.out = Channels.newOutputStream(channel);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed || digest != null) {
            throw new IOException("ingest already finished");
        }
        out.write(bytes, offset, length);
        sha256.update(bytes, offset, length);
        size += length;
    }

    @Override
    public long size() {
        return size;
    }

    /** Ends writing: the temp file is fsynced and closed (so many finished ingests hold no descriptors). */
    @Override
    public Digest digest() {
        if (digest == null) {
            try {
                channel.force(true);
                channel.close();
            } catch (IOException e) {
                throw RuntimeError.internal("cannot finish ingest: " + e.getMessage(), e);
            }
            digest = Digest.fromHash(sha256.digest());
        }
        return digest;
    }

    @Override
    public BlobInfo commit(Digest expected, long expectedSize) {
        if (closed) {
            throw new IllegalStateException("ingest already closed");
        }
        try {
            Digest actual = digest();
            if (expectedSize >= 0 && expectedSize != size) {
                throw RuntimeError.badRequest("unexpected size " + size + ", expected " + expectedSize
                        + (expected == null ? "" : " for " + expected));
            }
            if (expected != null && !expected.equals(actual)) {
                throw RuntimeError.badRequest("digest mismatch: expected " + expected + ", got " + actual);
            }
            BlobInfo info = committer.commit(temp, actual, size);
            closed = true;
            return info;
        } catch (IOException e) {
            throw RuntimeError.internal("cannot commit ingest: " + e.getMessage(), e);
        } finally {
            if (!closed) {
                close();
            }
        }
    }

    /** Discards the ingest unless it was committed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the store removes leftovers under ingest/ when it opens next time
        }
    }
}
