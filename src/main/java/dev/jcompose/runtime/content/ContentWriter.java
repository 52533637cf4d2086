package dev.jcompose.runtime.content;

import java.io.OutputStream;

/**
 * An ingest in progress: bytes go to a private temp file while their digest is computed. Nothing is
 * visible in the store until {@link #commit}; {@link #close} without commit discards the temp file.
 */
public abstract class ContentWriter extends OutputStream {
    /** Bytes written so far. */
    public abstract long size();

    /**
     * Ends writing and returns the digest of what was written; the ingest can still be committed or
     * discarded afterwards. Lets a caller decide from the digest whether it wants the blob at all.
     */
    public abstract Digest digest();

    /**
     * Makes the blob visible under its digest: fsync → verify size and digest → atomic rename.
     *
     * @param expected the digest the caller was promised, or null to accept whatever was written
     * @param expectedSize the size the caller was promised, or -1
     * @throws dev.jcompose.runtime.RuntimeError 400 when size or digest differ (the temp file is removed)
     */
    public abstract BlobInfo commit(Digest expected, long expectedSize);

    /** Discards the ingest unless it was committed; never fails (leftovers are cleaned when the store opens). */
    @Override
    public abstract void close();
}
