package dev.jcompose.runtime.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that must see every byte that passes (a digest, a tar-header tap): skipping reads through the
 * subclass's {@code read}, and mark/reset, which would replay bytes, is not offered.
 */
abstract class ObservingInputStream extends FilterInputStream {
    ObservingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
