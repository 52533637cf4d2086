package dev.jcompose.runtime.content;

import dev.jcompose.runtime.RuntimeError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A content-addressed blob store (images' configs, manifests and layers). Like containerd's content store:
 * blobs are immutable, named by their sha256 digest, and appear atomically or not at all.
 */
public interface ContentStore {
    /** Starts an ingest; the caller writes, then commits or closes. */
    ContentWriter writer();

    /** Ingests a whole stream; see {@link ContentWriter#commit} for {@code expected}/{@code expectedSize}. */
    default BlobInfo ingest(InputStream in, Digest expected, long expectedSize) {
        try (ContentWriter writer = writer()) {
            in.transferTo(writer);
            return writer.commit(expected, expectedSize);
        } catch (IOException e) {
            throw RuntimeError.internal("ingest failed: " + e.getMessage(), e);
        }
    }

    default BlobInfo ingest(byte[] bytes) {
        return ingest(new ByteArrayInputStream(bytes), null, bytes.length);
    }

    Optional<BlobInfo> info(Digest digest);

    default boolean exists(Digest digest) {
        return info(digest).isPresent();
    }

    /** Opens a blob for reading; 404 when absent. */
    InputStream open(Digest digest);

    /** Reads a (small) blob whole; 404 when absent. */
    byte[] read(Digest digest);

    /** The file holding a blob, for readers that need random access; 404 when absent. Never write to it. */
    Path path(Digest digest);

    /** Removes a blob; false when it was not there. */
    boolean delete(Digest digest);

    /** Every committed blob, sorted by digest. */
    List<BlobInfo> list();

    /** Sum of the sizes of all committed blobs. */
    default long totalSize() {
        return list().stream().mapToLong(BlobInfo::size).sum();
    }

    /**
     * Keeps blobs alive that no image record refers to (containerd's GC roots): the build cache's intermediate
     * step configs and layers. {@code owner} names the pin (letters, digits, '-', '.'); pinning again replaces it.
     */
    default void pin(String owner, java.util.Collection<Digest> blobs) {
    }

    /** Every pinned digest: the image store's garbage collection keeps them. */
    default java.util.Set<Digest> pinned() {
        return java.util.Set.of();
    }
}
