package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.container.LogLine;
import dev.jcompose.runtime.engine.LogReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Docker's stream encodings. Without a TTY, output is multiplexed: each chunk gets an 8-byte header
 * {@code [stream, 0, 0, 0, size (big endian, 4 bytes)]}, stream 1 = stdout, 2 = stderr. With a TTY it is raw.
 * Timestamps, when asked, prefix each line as RFC 3339 with nine fraction digits and a space.
 */
final class Frames {
    /** Content type dockerd 20.10 uses for both multiplexed and raw streams. */
    static final String RAW_STREAM = "application/vnd.docker.raw-stream";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Frames() {
    }

    static LogReader.Sink sink(OutputStream out, boolean multiplexed, boolean timestamps) {
        return (stream, time, text) -> {
            byte[] payload = text;
            if (timestamps) {
                ByteArrayOutputStream b = new ByteArrayOutputStream(text.length + 31);
                b.writeBytes((STAMP.format(time == null ? Instant.now() : time) + " ")
                        .getBytes(StandardCharsets.US_ASCII));
                b.writeBytes(text);
                payload = b.toByteArray();
            }
            write(out, multiplexed, stream, payload);
        };
    }

    static void write(OutputStream out, boolean multiplexed, LogLine.Stream stream, byte[] payload)
            throws IOException {
        if (payload.length == 0) {
            return;
        }
        if (!multiplexed) {
            out.write(payload);
            out.flush();
            return;
        }
        byte[] frame = new byte[8 + payload.length];
        frame[0] = (byte) (stream == LogLine.Stream.STDERR ? 2 : 1);
        int n = payload.length;
        frame[4] = (byte) (n >>> 24);
        frame[5] = (byte) (n >>> 16);
        frame[6] = (byte) (n >>> 8);
        frame[7] = (byte) n;
        System.arraycopy(payload, 0, frame, 8, n);
        out.write(frame);
        out.flush();
    }
}
