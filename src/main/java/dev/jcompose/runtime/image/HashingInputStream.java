package dev.jcompose.runtime.image;

import dev.jcompose.runtime.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes and counts every byte that passes, skipped ones included: a tar reader skips the bodies of entries
 * it does not read, and java.security.DigestInputStream would leave those bytes out of the digest.
 */
final class HashingInputStream extends ObservingInputStream {
    private final MessageDigest sha256 = Digest.newSha256();
    private long count;

    HashingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            sha256.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            sha256.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    /** Reads to the end, so the digest covers the whole stream. */
    void drain() throws IOException {
        skip(Long.MAX_VALUE);
    }

    Digest digest() {
        return Digest.fromHash(sha256.digest());
    }

    long count() {
        return count;
    }
}
