package dev.jcompose.app;

import dev.jcompose.error.ComposeException;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The key sequence that detaches an attached terminal from a container (docker's --detach-keys): comma-separated
 * keys, each one character, "ctrl-@".."ctrl-_" (ctrl-a..ctrl-z included) or "DEL"; ctrl-p,ctrl-q by default.
 */
public final class DetachKeys {
    /** ctrl-p, ctrl-q. */
    static final byte[] DEFAULT = {16, 17};
    private static final String CONTROLS = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

    private DetachKeys() {
    }

    /** The bytes of {@code keys}; null or empty = the default. A bad key is a usage error worded as docker's. */
    public static byte[] parse(String keys) {
        if (keys == null || keys.isEmpty()) {
            return DEFAULT.clone();
        }
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        for (String key : keys.split(",", -1)) {
            if (key.length() == 1) {
                codes.write(key.charAt(0));
            } else if (key.equals("DEL")) {
                codes.write(127);
            } else if (key.length() == 6 && key.startsWith("ctrl-") && CONTROLS.indexOf(key.charAt(5)) >= 0) {
                codes.write(CONTROLS.indexOf(key.charAt(5)));
            } else {
                throw ComposeException.usage("invalid detach keys (" + keys + "): Unknown character: '" + key + "'");
            }
        }
        return codes.toByteArray();
    }

    /**
     * stdin passed through until the detach sequence is typed: then it ends (EOF) and {@link #detached()} opens.
     * Bytes that start the sequence are held back until it is clear they do not complete it, then passed on.
     */
    static final class EscapeInputStream extends FilterInputStream {
        private final byte[] keys;
        private final CountDownLatch detached = new CountDownLatch(1);
        private int matched;
        private byte[] pending = new byte[0];
        private int pendingPos;

        EscapeInputStream(InputStream in, byte[] keys) {
            super(in);
            this.keys = keys.clone();
        }

        boolean isDetached() {
            return detached.getCount() == 0;
        }

        CountDownLatch detached() {
            return detached;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pendingPos < pending.length) {
                int n = Math.min(len, pending.length - pendingPos);
                System.arraycopy(pending, pendingPos, buf, off, n);
                pendingPos += n;
                return n;
            }
            while (true) {
                if (isDetached()) {
                    return -1;
                }
                byte[] in = new byte[len];
                int n = super.read(in, 0, len);
                if (n < 0) {
                    // the input ended inside a partial sequence: what was held back is still input
                    return flushPartial(buf, off, len);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < n; i++) {
                    if (in[i] == keys[matched]) {
                        matched++;
                        if (matched == keys.length) {
                            detached.countDown();
                            break;
                        }
                    } else {
                        out.write(keys, 0, matched);
                        matched = 0;
                        if (in[i] == keys[0]) {
                            matched = 1;
                        } else {
                            out.write(in[i]);
                        }
                    }
                }
                byte[] ready = out.toByteArray();
                if (ready.length > 0) {
                    pending = ready;
                    pendingPos = 0;
                    return read(buf, off, len);
                }
            }
        }

        private int flushPartial(byte[] buf, int off, int len) {
            if (matched == 0) {
                return -1;
            }
            pending = Arrays.copyOf(keys, matched);
            pendingPos = 0;
            matched = 0;
            int n = Math.min(len, pending.length);
            System.arraycopy(pending, 0, buf, off, n);
            pendingPos = n;
            return n;
        }
    }
}
