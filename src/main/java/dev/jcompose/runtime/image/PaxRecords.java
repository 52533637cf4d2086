package dev.jcompose.runtime.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PAX extended header records ({@code "<len> <key>=<value>\n"}) with values as bytes. Keys are UTF-8 text, but
 * an xattr value (SCHILY.xattr.security.capability) is binary: Go's archive/tar, which writes Docker's layers,
 * stores it raw, and decoding it as UTF-8 text (what the tar library does) would corrupt any byte >= 0x80.
 */
public final class PaxRecords {
    public static final String XATTR_PREFIX = "SCHILY.xattr.";

    private PaxRecords() {
    }

    /** Records in the map's order; the length counts itself, as the format wants. */
    public static byte[] encode(Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            byte[] key = r.getKey().getBytes(StandardCharsets.UTF_8);
            int body = 1 + key.length + 1 + r.getValue().length + 1; // space, key, '=', value, newline
            int length = body + Integer.toString(body).length();
            if (Integer.toString(length).length() != Integer.toString(body).length()) {
                length++; // the length's own digits pushed it past a power of ten
            }
            out.writeBytes(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            out.writeBytes(key);
            out.write('=');
            out.writeBytes(r.getValue());
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The records of one extended header; stops at the first malformed record (what follows is unusable). */
    public static Map<String, byte[]> decode(byte[] data) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                break;
            }
            int end = pos + length;
            if (length <= 0 || end > data.length || space >= end || data[end - 1] != '\n') {
                break;
            }
            int eq = space + 1;
            while (eq < end && data[eq] != '=') {
                eq++;
            }
            if (eq >= end) {
                break;
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            byte[] value = java.util.Arrays.copyOfRange(data, eq + 1, end - 1);
            records.put(key, value);
            pos = end;
        }
        return records;
    }
}
