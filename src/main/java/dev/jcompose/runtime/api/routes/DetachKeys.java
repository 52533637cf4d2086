package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.RuntimeError;
import java.io.ByteArrayOutputStream;

/**
 * Docker's detach key sequence (default ctrl-p,ctrl-q) found in an attached client's stdin: bytes that could
 * start the sequence are held back until it is clear they do not, then passed on; the full sequence ends the
 * attach and is never passed on.
 */
final class DetachKeys {
    static final String DEFAULT = "ctrl-p,ctrl-q";

    private final byte[] keys;
    private int matched;

    private DetachKeys(byte[] keys) {
        this.keys = keys;
    }

    /** Parses Docker's format: comma-separated single characters or {@code ctrl-<a-z @ [ \ ] ^ _>}. */
    static DetachKeys parse(String spec) {
        String text = spec == null || spec.isEmpty() ? DEFAULT : spec;
        String[] parts = text.split(",");
        byte[] keys = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            keys[i] = key(parts[i], text);
        }
        return new DetachKeys(keys);
    }

    private static byte key(String part, String spec) {
        if (part.length() == 1) {
            return (byte) part.charAt(0);
        }
        if (part.length() == 6 && part.startsWith("ctrl-")) {
            char c = part.charAt(5);
            if (c >= 'a' && c <= 'z') {
                return (byte) (c - 'a' + 1);
            }
            int at = "@[\\]^_".indexOf(c);
            if (at >= 0) {
                return (byte) (at == 0 ? 0 : 26 + at);
            }
        }
        throw RuntimeError.badRequest("Invalid detach keys (" + spec + ") provided");
    }

    /** What to pass on of {@code n} bytes read, and whether the sequence was completed. */
    record Filtered(byte[] forward, boolean detach) {
    }

    Filtered filter(byte[] data, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        for (int i = 0; i < n; i++) {
            byte b = data[i];
            if (b == keys[matched]) {
                matched++;
                if (matched == keys.length) {
                    matched = 0;
                    return new Filtered(out.toByteArray(), true);
                }
                continue;
            }
            out.write(keys, 0, matched); // a false start: those keys were input after all
            matched = 0;
            if (b == keys[0]) {
                matched = 1;
                if (keys.length == 1) {
                    return new Filtered(out.toByteArray(), true);
                }
            } else {
                out.write(b);
            }
        }
        return new Filtered(out.toByteArray(), false);
    }
}
