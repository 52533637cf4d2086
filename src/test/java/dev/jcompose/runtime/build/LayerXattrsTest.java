package dev.jcompose.runtime.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.content.LocalContentStore;
import dev.jcompose.runtime.fs.Posix;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.image.LayerUnpacker;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build step's layer keeps the file capability as dockerd's does — raw bytes in a PAX record (a byte >= 0x80,
 * here cap_setuid|cap_setgid = 0xc0, survives), revision 3 written as revision 2 — also on a hard link, a
 * directory and a name too long for a ustar header; user.* is neither in the layer nor left in the snapshot.
 * The unpacker puts the capability back byte for byte.
 */
@Tag("root")
class LayerXattrsTest {
    /** revision 2, effective, permitted = setgid, setuid (0xc0) and net_raw (0x2000). */
    private static final byte[] CAP_V2 = HexFormat.of().parseHex("01000002c0200000000000000000000000000000");
    /** the same as revision 3 with a namespace root uid of 1000 */
    private static final byte[] CAP_V3 = HexFormat.of().parseHex("01000003c0200000000000000000000000000000e8030000");

    @TempDir
    Path dir;

    /** How many 'x' headers follow each other at most, walking the raw tar blocks. */
    private static int longestRunOfPaxHeaders(byte[] tar) {
        int longest = 0;
        int run = 0;
        for (int pos = 0; pos + 512 <= tar.length && tar[pos] != 0; ) {
            long size = Long.parseLong(new String(tar, pos + 124, 11, StandardCharsets.US_ASCII).strip(), 8);
            run = tar[pos + 156] == 'x' ? run + 1 : 0;
            longest = Math.max(longest, run);
            pos += 512 + (int) ((size + 511) / 512 * 512);
        }
        return longest;
    }

    @Test
    void revisionThreeBecomesRevisionTwo() {
        assertArrayEquals(CAP_V2, LayerXattrs.toRevision2(CAP_V3));
        assertArrayEquals(CAP_V2, LayerXattrs.toRevision2(CAP_V2.clone()));
        assertNull(LayerXattrs.toRevision2(null));
    }

    @Test
    void theCapabilitySurvivesTheLayerAndTheUnpackAndUserXattrsGo() throws Exception {
        assumeTrue(Posix.isRoot(), "setting security.capability needs CAP_SETFCAP");
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Path ping = Files.writeString(upper.resolve("ping"), "binary\n");
        Posix.setXattr(ping, "security.capability", CAP_V3);
        Posix.setXattr(ping, "user.note", "hello".getBytes(StandardCharsets.UTF_8));
        Files.createLink(upper.resolve("ping-again"), ping);
        Path capDir = Files.createDirectories(upper.resolve("d"));
        Posix.setXattr(capDir, "user.other", "x".getBytes(StandardCharsets.UTF_8));
        String longName = "l".repeat(120) + "-é";
        Path longFile = Files.writeString(capDir.resolve(longName), "long\n");
        Posix.setXattr(longFile, "security.capability", CAP_V2);
        Files.writeString(upper.resolve("plain"), "no xattrs\n");

        LocalContentStore content = new LocalContentStore(dir.resolve("store"));
        ImageRecord.Layer layer = LayerWriter.write(upper, Set.of(), content);

        assertEquals(List.of(), Posix.listXattrs(ping).stream().filter(n -> n.startsWith("user.")).toList(),
                "the snapshot keeps no more than the layer");
        assertEquals(List.of(), Posix.listXattrs(capDir).stream().filter(n -> n.startsWith("user.")).toList());
        Map<String, String> seen = new LinkedHashMap<>();
        try (InputStream in = content.open(layer.blob());
                TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8")) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                seen.put(e.getName(), e.getExtraPaxHeaders().keySet().toString());
            }
        }
        assertEquals(Map.of("d/", "[]", "d/" + longName, "[SCHILY.xattr.security.capability]",
                "ping", "[SCHILY.xattr.security.capability]", "ping-again", "[SCHILY.xattr.security.capability]",
                "plain", "[]"), seen, "the names are the real ones, one PAX header per entry, no user.*");

        Path target = Files.createDirectories(dir.resolve("unpacked"));
        byte[] blob;
        try (InputStream in = content.open(layer.blob())) {
            blob = in.readAllBytes();
        }
        assertEquals(1, longestRunOfPaxHeaders(blob), "Go's tar reader keeps only the last of consecutive PAX headers");
        LayerUnpacker.Result r = LayerUnpacker.unpack(new ByteArrayInputStream(blob), target,
                LayerUnpacker.WhiteoutMode.APPLY);
        assertEquals(List.of(), r.warnings());
        assertArrayEquals(CAP_V2, Posix.getXattrBytes(target.resolve("ping"), "security.capability"));
        assertArrayEquals(CAP_V2, Posix.getXattrBytes(target.resolve("d").resolve(longName), "security.capability"));
        assertEquals("long\n", Files.readString(target.resolve("d").resolve(longName)));
        assertNull(Posix.getXattrBytes(target.resolve("plain"), "security.capability"));
        assertNull(Posix.getXattrBytes(target.resolve("ping"), "user.note"));
    }
}
