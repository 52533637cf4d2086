package dev.jcompose.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tar archives in memory for tests: layers, hostile layers, image archives. */
public final class TarBuilder {
    public static final Instant MTIME = Instant.parse("2024-01-02T03:04:05Z");

    private record Item(TarArchiveEntry entry, byte[] content) {
    }

    private final List<Item> items = new ArrayList<>();
    private Instant mtime = MTIME;

    public TarBuilder mtime(Instant time) {
        mtime = time;
        return this;
    }

    public TarBuilder dir(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setMode(040000 | mode);
        return add(entry, null);
    }

    public TarBuilder file(String name, String text, int mode) {
        return file(name, text.getBytes(StandardCharsets.UTF_8), mode);
    }

    public TarBuilder file(String name, byte[] content, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(0100000 | mode);
        entry.setSize(content.length);
        return add(entry, content);
    }

    public TarBuilder owned(int uid, int gid) {
        TarArchiveEntry last = items.get(items.size() - 1).entry();
        last.setUserId(uid);
        last.setGroupId(gid);
        return this;
    }

    public TarBuilder symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(target);
        entry.setMode(0120777);
        return add(entry, null);
    }

    public TarBuilder hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
        entry.setLinkName(target);
        entry.setMode(0100644);
        return add(entry, null);
    }

    public TarBuilder charDevice(String name, int major, int minor) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_CHR);
        entry.setDevMajor(major);
        entry.setDevMinor(minor);
        entry.setMode(020666);
        return add(entry, null);
    }

    public TarBuilder fifo(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_FIFO);
        entry.setMode(010644);
        return add(entry, null);
    }

    /** Docker's whiteout: an empty file .wh.NAME in the parent directory. */
    public TarBuilder whiteout(String path) {
        int slash = path.lastIndexOf('/');
        String parent = slash < 0 ? "" : path.substring(0, slash + 1);
        return file(parent + ".wh." + path.substring(slash + 1), new byte[0], 0644);
    }

    /** Docker's opaque marker: the directory's content from lower layers is hidden. */
    public TarBuilder opaque(String dir) {
        return file(dir + "/.wh..wh..opq", new byte[0], 0644);
    }

    /** A raw entry with a name as given (for hostile names). */
    public TarBuilder raw(String name, String text) {
        return file(name, text, 0644);
    }

    private TarBuilder add(TarArchiveEntry entry, byte[] content) {
        entry.setModTime(FileTime.from(mtime));
        items.add(new Item(entry, content));
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Item item : items) {
                tar.putArchiveEntry(item.entry());
                if (item.content() != null) {
                    tar.write(item.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The layer size dockerd reports for this tar: bytes of regular files plus symlink target lengths (no
     * headers, no directories, hard links once). LayerSizesTest pins the rule on a hand-counted tar.
     */
    public static long fileBytes(byte[] tar) {
        try (org.apache.commons.compress.archivers.tar.TarArchiveInputStream in =
                new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                        new java.io.ByteArrayInputStream(tar), StandardCharsets.UTF_8.name())) {
            long total = 0;
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                total += e.isSymbolicLink() ? e.getLinkName().getBytes(StandardCharsets.UTF_8).length
                        : e.isDirectory() || e.isLink() ? 0 : e.getSize();
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
