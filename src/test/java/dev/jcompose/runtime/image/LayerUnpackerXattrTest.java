package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.fs.Posix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which xattrs of a layer the unpacker sets (as root): all of them with their bytes intact, as dockerd does
 * (binary user.*, trusted.*, security.capability), except trusted.overlay.*, which would steer overlayfs; and
 * the same from a gzip layer (the raw headers are read after decompression).
 */
@Tag("root")
class LayerUnpackerXattrTest {
    private static final byte[] BINARY = {(byte) 0xff, 0, (byte) 0x80, 1};

    @TempDir
    Path dir;

    private static byte[] layer() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            Map<String, byte[]> records = new LinkedHashMap<>();
            records.put(PaxRecords.XATTR_PREFIX + "user.binary", BINARY);
            records.put(PaxRecords.XATTR_PREFIX + "trusted.note", "tr".getBytes(StandardCharsets.UTF_8));
            records.put(PaxRecords.XATTR_PREFIX + "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
            byte[] pax = PaxRecords.encode(records);
            TarArchiveEntry header = new TarArchiveEntry("PaxHeaders.0/d", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
            header.setSize(pax.length);
            tar.putArchiveEntry(header);
            tar.write(pax);
            tar.closeArchiveEntry();
            TarArchiveEntry d = new TarArchiveEntry("d/");
            d.setMode(040755);
            tar.putArchiveEntry(d);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private void assertApplied(byte[] blob, String name) throws Exception {
        Path target = Files.createDirectories(dir.resolve(name));
        LayerUnpacker.Result r = LayerUnpacker.unpack(new ByteArrayInputStream(blob), target,
                LayerUnpacker.WhiteoutMode.OVERLAY);
        assertEquals(List.of(), r.warnings());
        Path d = target.resolve("d");
        assertArrayEquals(BINARY, Posix.getXattrBytes(d, "user.binary"));
        assertArrayEquals("tr".getBytes(StandardCharsets.UTF_8), Posix.getXattrBytes(d, "trusted.note"));
        assertNull(Posix.getXattrBytes(d, "trusted.overlay.opaque"), "a layer cannot make a directory opaque so");
    }

    @Test
    void setsEveryXattrButOverlaysOwnWithBytesIntact() throws Exception {
        assumeTrue(Posix.isRoot(), "trusted.* needs CAP_SYS_ADMIN");
        byte[] plain = layer();
        assertApplied(plain, "plain");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        assertApplied(gz.toByteArray(), "gzip");
    }
}
