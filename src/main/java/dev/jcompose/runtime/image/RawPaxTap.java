package dev.jcompose.runtime.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Watches the tar byte stream the tar library reads and keeps, for each entry, the raw bytes of its
 * SCHILY.xattr records (the library hands them out only as UTF-8 text, which corrupts binary values such as
 * file capabilities). It parses the block structure on its own, so each entry's record carries its name: the
 * reader takes an entry's raw xattrs only when the names agree, and any doubt (an unknown layout, a mismatch)
 * turns the tap off and leaves the library's values in use.
 */
final class RawPaxTap extends ObservingInputStream {
    private static final int BLOCK = 512;

    /** An entry's name as the headers give it and its raw xattrs (name → value). */
    record Entry(String name, Map<String, byte[]> xattrs) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final byte[] header = new byte[BLOCK];
    private int headerFill;
    private long dataLeft;
    private long padLeft;
    /** The body of an 'x' or 'L' header being captured, else null. */
    private byte[] capture;
    private int captureFill;
    private char captureType;
    private Map<String, byte[]> pax = new LinkedHashMap<>();
    private String longName;
    private int sparseBlocks;
    private boolean off;

    RawPaxTap(InputStream in) {
        super(in);
    }

    /**
     * The raw xattrs of the entry the library just returned, or null when they cannot be trusted: the caller
     * then uses the library's text values.
     */
    Map<String, byte[]> xattrsOf(String entryName) {
        Entry next = entries.pollFirst();
        if (off || next == null || !stripSlashes(next.name()).equals(stripSlashes(entryName))) {
            off = true;
            return null;
        }
        return next.xattrs();
    }

    /** The tar library drops a leading slash from names; compare without it. */
    private static String stripSlashes(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '/') {
            i++;
        }
        return name.substring(i);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int offset, int length) throws IOException {
        int n = super.read(b, offset, length);
        int i = 0;
        while (i < n && !off) {
            // entry bodies and padding pass in bulk: only headers and PAX bodies are looked at byte by byte
            if (capture == null && (dataLeft > 0 || padLeft > 0)) {
                int take = (int) Math.min(n - i, dataLeft > 0 ? dataLeft : padLeft);
                if (dataLeft > 0) {
                    dataLeft -= take;
                } else {
                    padLeft -= take;
                }
                i += take;
            } else {
                feed(b[offset + i++]);
            }
        }
        return n;
    }

    private void feed(byte b) {
        if (capture != null) {
            capture[captureFill++] = b;
            dataLeft--;
            if (captureFill == capture.length) {
                captured();
            }
            return;
        }
        if (dataLeft > 0) {
            dataLeft--;
            return;
        }
        if (padLeft > 0) {
            padLeft--;
            return;
        }
        header[headerFill++] = b;
        if (headerFill == BLOCK) {
            headerFill = 0;
            header();
        }
    }

    private void header() {
        if (sparseBlocks > 0) { // old GNU sparse extension blocks: 21 entries, then "more follow" at 504
            sparseBlocks = header[504] != 0 ? sparseBlocks : 0;
            return;
        }
        boolean zero = true;
        for (byte x : header) {
            zero &= x == 0;
        }
        if (zero) {
            return; // end-of-archive blocks
        }
        long size = number(124, 12);
        char type = (char) header[156];
        if (size < 0 || size > (type == 'x' || type == 'L' ? 1 << 24 : Long.MAX_VALUE / 2)) {
            off = true;
            return;
        }
        padLeft = (BLOCK - size % BLOCK) % BLOCK;
        switch (type) {
            case 'x', 'L' -> {
                capture = new byte[(int) size];
                captureFill = 0;
                captureType = type;
                dataLeft = size;
                if (size == 0) {
                    captured();
                }
            }
            case 'g', 'K' -> dataLeft = size; // global headers set no xattrs here; long link names are not checked
            default -> {
                String name = longName != null ? longName : ustarName();
                Map<String, byte[]> xattrs = new LinkedHashMap<>();
                for (Map.Entry<String, byte[]> r : pax.entrySet()) {
                    if (r.getKey().equals("path")) {
                        name = new String(r.getValue(), StandardCharsets.UTF_8);
                    } else if (r.getKey().equals("size")) {
                        size = Long.parseLong(new String(r.getValue(), StandardCharsets.US_ASCII).strip());
                        padLeft = (BLOCK - size % BLOCK) % BLOCK;
                    } else if (r.getKey().startsWith(PaxRecords.XATTR_PREFIX)) {
                        xattrs.put(r.getKey().substring(PaxRecords.XATTR_PREFIX.length()), r.getValue());
                    }
                }
                entries.addLast(new Entry(name, xattrs));
                pax = new LinkedHashMap<>();
                longName = null;
                dataLeft = size;
                if (type == 'S' && header[482] != 0) {
                    sparseBlocks = 1;
                }
            }
        }
    }

    private void captured() {
        byte[] body = capture;
        capture = null;
        if (captureType == 'x') {
            pax.putAll(PaxRecords.decode(body));
        } else {
            int end = 0;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            longName = new String(body, 0, end, StandardCharsets.UTF_8);
        }
    }

    /** prefix/name of a ustar header (the prefix only with the ustar magic, as tar readers do). */
    private String ustarName() {
        String name = text(0, 100);
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r' && header[262] == 0;
        String prefix = ustar ? text(345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private String text(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** Octal, or base-256 when the top bit of the first byte is set (GNU/star big numbers). */
    private long number(int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x7f;
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        String digits = new String(Arrays.copyOfRange(header, offset, offset + length), StandardCharsets.US_ASCII)
                .replace("\0", " ").strip();
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
