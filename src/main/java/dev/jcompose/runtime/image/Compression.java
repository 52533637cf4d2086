package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Layers and archives arrive plain, gzip, zstd or bzip2 compressed, and media types lie (docker save of
 * Docker 25+ calls gzip layers plain tar in manifest.json), so the format is taken from the magic bytes.
 */
public enum Compression {
    NONE, GZIP, ZSTD, BZIP2;

    private static final int GZIP_BUFFER = 64 * 1024;

    /** Opens {@code in} decompressed, whatever its compression. */
    public static InputStream decompress(InputStream in) {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 64 * 1024);
        try {
            return switch (detect(buffered)) {
                case NONE -> buffered;
                case GZIP -> new GZIPInputStream(buffered, GZIP_BUFFER);
                case ZSTD -> new ZstdCompressorInputStream(buffered);
                case BZIP2 -> new BZip2CompressorInputStream(buffered, true);
            };
        } catch (IOException e) {
            throw RuntimeError.badRequest("cannot read compressed stream: " + e.getMessage());
        } catch (LinkageError e) {
            throw RuntimeError.internal("zstd support is unavailable on this platform", e);
        }
    }

    /** Peeks at the first bytes without consuming them. */
    public static Compression detect(BufferedInputStream in) throws IOException {
        in.mark(8);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        if (magic.length >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
            return BZIP2;
        }
        return NONE;
    }
}
