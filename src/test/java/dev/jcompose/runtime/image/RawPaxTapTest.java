package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/**
 * PAX records with binary values, and the tap that recovers them from the tar stream the library reads: raw
 * bytes per entry (where the library's text is lossy), names from ustar, GNU long names and PAX paths, and a
 * fallback (null) once the tap and the library disagree.
 */
class RawPaxTapTest {
    private static final byte[] BINARY = {1, 0, 0, 2, (byte) 0xc0, 0x20, 0, 0, (byte) 0xff};

    @Test
    void recordsRoundTripWithBinaryValuesAndSelfCountingLengths() {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("path", "a/b".getBytes(StandardCharsets.UTF_8));
        records.put("SCHILY.xattr.security.capability", BINARY);
        records.put("k", "x".repeat(94).getBytes(StandardCharsets.UTF_8)); // 98 bytes + 2 digits = 100: 3 digits
        byte[] encoded = PaxRecords.encode(records);
        assertEquals("12 path=a/b\n", new String(encoded, 0, 12, StandardCharsets.UTF_8));
        Map<String, byte[]> decoded = PaxRecords.decode(encoded);
        assertEquals(records.keySet(), decoded.keySet());
        records.forEach((k, v) -> assertArrayEquals(v, decoded.get(k), k));
        assertEquals("101 k=", new String(encoded, encoded.length - 101, 6, StandardCharsets.UTF_8));
        assertEquals(Map.of(), PaxRecords.decode("9x path=a\n".getBytes(StandardCharsets.UTF_8)), "malformed: none");
    }

    private static void raw(TarArchiveOutputStream tar, Map<String, byte[]> records) throws Exception {
        byte[] body = PaxRecords.encode(records);
        TarArchiveEntry x = new TarArchiveEntry("PaxHeaders.0/x", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
        x.setSize(body.length);
        x.setModTime(0);
        tar.putArchiveEntry(x);
        tar.write(body);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws Exception {
        TarArchiveEntry e = new TarArchiveEntry(name);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        e.setSize(bytes.length);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    /** What the tap reports per entry the library returns: name → the raw capability, "none" or "untrusted". */
    private static List<String> read(byte[] tarBytes) throws Exception {
        RawPaxTap tap = new RawPaxTap(new ByteArrayInputStream(tarBytes));
        List<String> seen = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tap, "UTF-8")) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.getName().startsWith("skip-content")) {
                    // the library skips the body itself at the next entry
                } else {
                    tar.readAllBytes();
                }
                Map<String, byte[]> x = tap.xattrsOf(e.getName());
                byte[] cap = x == null ? null : x.get("security.capability");
                seen.add(e.getName() + "=" + (x == null ? "untrusted" : cap == null ? "none"
                        : java.util.HexFormat.of().formatHex(cap)));
            }
        }
        return seen;
    }

    @Test
    void theTapHandsEachEntryItsRawXattrs() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            file(tar, "plain", "x".repeat(700));
            raw(tar, Map.of("SCHILY.xattr.security.capability", BINARY));
            file(tar, "skip-content-cap", "y".repeat(1000));
            file(tar, "d/" + "g".repeat(120), "gnu long name"); // GNU 'L' entry before it
            raw(tar, Map.of("path", ("p/" + "q".repeat(150)).getBytes(StandardCharsets.UTF_8),
                    "SCHILY.xattr.security.capability", new byte[] {(byte) 0x80}));
            file(tar, "short", "named by the PAX path");
        }
        assertEquals(List.of("plain=none", "skip-content-cap=01000002c0200000ff", "d/" + "g".repeat(120) + "=none",
                "p/" + "q".repeat(150) + "=80"), read(out.toByteArray()));
    }

    @Test
    void aNameMismatchTurnsTheTapOffForTheRest() {
        RawPaxTap tap = new RawPaxTap(new ByteArrayInputStream(new byte[0]));
        assertNull(tap.xattrsOf("nothing was read"));
        assertNull(tap.xattrsOf("still off"));
    }
}
