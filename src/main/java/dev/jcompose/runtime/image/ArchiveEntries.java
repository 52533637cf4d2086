package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.BlobInfo;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.ContentWriter;
import dev.jcompose.runtime.content.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The files of an image archive, read in one pass. Every regular file is spooled into a content-store
 * ingest (nothing is written under a name taken from the archive, so a hostile archive cannot place files
 * anywhere); small ones are also kept in memory for JSON parsing. Files the loader asks for are committed
 * as blobs, the rest are discarded on {@link #close}. Symlinks and hard links between archive files
 * (old docker save links a repeated layer.tar to its first copy) are followed by name.
 */
final class ArchiveEntries implements AutoCloseable {
    private static final int SMALL = 8 * 1024 * 1024;
    private static final int MAX_LINK_HOPS = 16;

    private static final class File {
        final ContentWriter writer;
        final byte[] bytes;
        final Digest digest;
        final long size;
        BlobInfo committed;

        File(ContentWriter writer, byte[] bytes) {
            this.writer = writer;
            this.bytes = bytes;
            this.digest = writer.digest();
            this.size = writer.size();
        }
    }

    private final ContentStore content;
    private final Set<Digest> newBlobs = new HashSet<>();
    private final Map<String, File> files = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();

    private ArchiveEntries(ContentStore content) {
        this.content = content;
    }

    static ArchiveEntries read(InputStream archive, ContentStore content) {
        ArchiveEntries entries = new ArchiveEntries(content);
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(archive, StandardCharsets.UTF_8.name());
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.add(entry, tar);
            }
            if (entries.files.isEmpty()) {
                throw RuntimeError.badRequest("invalid archive: no files in it (is it a tar?)");
            }
            return entries;
        } catch (IOException e) {
            entries.close();
            throw RuntimeError.badRequest("invalid archive: " + e.getMessage());
        } catch (RuntimeException e) {
            entries.close();
            throw e;
        }
    }

    private void add(TarArchiveEntry entry, InputStream body) throws IOException {
        String name = clean(entry.getName());
        if (name == null || entry.isDirectory()) {
            return;
        }
        if (entry.isSymbolicLink()) {
            String target = entry.getLinkName();
            String base = target.startsWith("/") ? "" : parentOf(name);
            String resolved = clean(base.isEmpty() ? target : base + "/" + target);
            if (resolved != null) {
                links.put(name, resolved);
            }
        } else if (entry.isLink()) {
            String resolved = clean(entry.getLinkName());
            if (resolved != null) {
                links.put(name, resolved);
            }
        } else if (entry.isFile()) {
            ContentWriter writer = content.writer();
            try {
                ByteArrayOutputStream small = entry.getSize() <= SMALL ? new ByteArrayOutputStream() : null;
                OutputStream out = small == null ? writer : new TeeOutputStream(writer, small);
                body.transferTo(out);
                File previous = files.put(name, new File(writer, small == null ? null : small.toByteArray()));
                if (previous != null && previous.committed == null) {
                    previous.writer.close();
                }
            } catch (IOException | RuntimeException e) {
                writer.close();
                throw e;
            }
        }
    }

    boolean has(String name) {
        return find(name) != null;
    }

    /** The bytes of a small file; 400 when missing or too large to be metadata. */
    byte[] bytes(String name) {
        File file = require(name);
        if (file.bytes == null) {
            throw RuntimeError.badRequest("invalid archive: " + name + " is too large for a metadata file");
        }
        return file.bytes;
    }

    /** Commits a file as a blob and returns its digest; {@code expected} may be null. Idempotent. */
    Digest commit(String name, Digest expected) {
        File file = require(name);
        if (expected != null && !expected.equals(file.digest)) {
            throw RuntimeError.badRequest("invalid archive: " + name + " has digest " + file.digest + ", expected "
                    + expected);
        }
        if (file.committed == null) {
            if (!content.exists(file.digest)) {
                newBlobs.add(file.digest);
            }
            file.committed = file.writer.commit(expected, file.size);
        }
        return file.digest;
    }

    /** Blobs that this archive brought into the content store (they were not there before). */
    Set<Digest> newBlobs() {
        return newBlobs;
    }

    /** Names of all regular files (links not included). */
    Iterable<String> names() {
        return files.keySet();
    }

    private File require(String name) {
        File file = find(name);
        if (file == null) {
            throw RuntimeError.badRequest("invalid archive: " + name + " not found in it");
        }
        return file;
    }

    private File find(String name) {
        String current = clean(name);
        for (int hop = 0; current != null && hop <= MAX_LINK_HOPS; hop++) {
            File file = files.get(current);
            if (file != null) {
                return file;
            }
            current = links.get(current);
        }
        return null;
    }

    /** Archive-internal names: cleaned, relative; null for the root or a name climbing out of it. */
    private static String clean(String name) {
        try {
            String cleaned = String.join("/", SafeTree.clean(name));
            return cleaned.isEmpty() ? null : cleaned;
        } catch (RuntimeError e) {
            return null;
        }
    }

    private static String parentOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    @Override
    public void close() {
        for (File file : files.values()) {
            if (file.committed == null) {
                file.writer.close();
            }
        }
    }

    /** Writes to two streams: the ingest and the in-memory copy. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
