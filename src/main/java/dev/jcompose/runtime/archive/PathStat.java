package dev.jcompose.runtime.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.Map;

/**
 * Docker's ContainerPathStat: what {@code HEAD /containers/{id}/archive} answers in the
 * {@code X-Docker-Container-Path-Stat} header as base64 of {"name","size","mode","mtime","linkTarget"}.
 * {@code mode} is Go's os.FileMode (permission bits plus type bits at the top), which the docker CLI decodes to
 * tell a directory from a file or a link; {@code mtime} is RFC 3339 with nanoseconds, trailing zeros cut.
 */
public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
    public static final String HEADER = "X-Docker-Container-Path-Stat";

    // Go's os.FileMode type bits
    static final long MODE_DIR = 1L << 31;
    static final long MODE_SYMLINK = 1L << 27;
    static final long MODE_DEVICE = 1L << 26;
    static final long MODE_NAMED_PIPE = 1L << 25;
    static final long MODE_SOCKET = 1L << 24;
    static final long MODE_SETUID = 1L << 23;
    static final long MODE_SETGID = 1L << 22;
    static final long MODE_CHAR_DEVICE = 1L << 21;
    static final long MODE_STICKY = 1L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean isDirectory() {
        return (mode & MODE_DIR) != 0;
    }

    /** lstat of {@code file}, named {@code name}; {@code linkTarget} is the link fully resolved, or "". */
    public static PathStat of(Path file, String name, String linkTarget) throws IOException {
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int unixMode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return new PathStat(name, a.size(), goMode(unixMode), a.lastModifiedTime().toInstant(), linkTarget);
    }

    /** st_mode (S_IFMT type and 07777 permissions) as Go's os.FileMode. */
    static long goMode(int unixMode) {
        long mode = unixMode & 0777;
        switch (unixMode & 0170000) {
            case 0040000 -> mode |= MODE_DIR;
            case 0120000 -> mode |= MODE_SYMLINK;
            case 0060000 -> mode |= MODE_DEVICE;
            case 0020000 -> mode |= MODE_DEVICE | MODE_CHAR_DEVICE;
            case 0010000 -> mode |= MODE_NAMED_PIPE;
            case 0140000 -> mode |= MODE_SOCKET;
            default -> { }
        }
        if ((unixMode & 04000) != 0) {
            mode |= MODE_SETUID;
        }
        if ((unixMode & 02000) != 0) {
            mode |= MODE_SETGID;
        }
        if ((unixMode & 01000) != 0) {
            mode |= MODE_STICKY;
        }
        return mode;
    }

    /** The header value: base64 (standard alphabet, padded) of the JSON. */
    public String header() {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        o.put("size", size);
        o.put("mode", mode);
        o.put("mtime", rfc3339Nano(mtime));
        o.put("linkTarget", linkTarget);
        return Base64.getEncoder().encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
    }

    public Map<String, String> headers() {
        return Map.of(HEADER, header());
    }

    /** Go's time.RFC3339Nano in UTC: fractional seconds without trailing zeros, none at all when zero. */
    static String rfc3339Nano(Instant t) {
        return new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss")
                .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).appendLiteral('Z').toFormatter()
                .withZone(ZoneOffset.UTC).format(t);
    }
}
