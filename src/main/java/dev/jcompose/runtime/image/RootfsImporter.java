package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.BlobInfo;
import dev.jcompose.runtime.content.ContentWriter;
import dev.jcompose.runtime.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@code docker import}: a root file system tar (any compression) becomes the single, uncompressed layer
 * of a new image whose config holds only the given changes.
 */
final class RootfsImporter {
    private final ImageStore store;

    RootfsImporter(ImageStore store) {
        this.store = store;
    }

    Digest importRootfs(InputStream rootfsTar, ImportOptions options) {
        Reference reference = options.reference() == null ? null : Reference.parse(options.reference()).withDefaultTag();
        if (reference != null && reference.isDigested()) {
            throw RuntimeError.badRequest("refusing to create a tag with a digest reference");
        }
        RunConfig containerConfig = ImportChanges.apply(RunConfig.EMPTY, options.changes());
        BlobInfo layer;
        boolean existed;
        try (ContentWriter writer = store.content.writer()) {
            Compression.decompress(rootfsTar).transferTo(writer);
            existed = store.content.exists(writer.digest());
            layer = writer.commit(null, -1);
        } catch (IOException e) {
            throw RuntimeError.badRequest("cannot read the imported archive: " + e.getMessage());
        }
        try {
            requireTar(layer.digest());
        } catch (RuntimeError e) {
            if (!existed) {
                store.content.delete(layer.digest());
            }
            throw e;
        }
        Platform platform = options.platform() == null ? Platform.host() : options.platform();
        String created = (options.created() == null ? store.clock.instant() : options.created()).toString();
        String comment = options.message() == null || options.message().isEmpty() ? "Imported from -" : options.message();
        ImageConfig config = new ImageConfig(platform.architecture(), platform.os(), platform.variant(), created, null,
                comment, null, containerConfig, new ImageConfig.RootFs("layers", List.of(layer.digest())),
                List.of(new ImageConfig.HistoryEntry(created, null, null, comment, false)));
        Digest id = store.content.ingest(ImageJson.write(config)).digest();
        ImageRecord record = new ImageRecord(id, null,
                List.of(new ImageRecord.Layer(layer.digest(), MediaTypes.OCI_LAYER, layer.size(), layer.digest(),
                        layer.size())),
                store.clock.instant().toString());
        store.add(record, reference == null ? List.of() : List.of(reference));
        return id;
    }

    /** docker import refuses what is not a tar; so does this, before any image is recorded. */
    private void requireTar(Digest blob) {
        try (InputStream in = store.content.open(blob);
                TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name())) {
            while (tar.getNextEntry() != null) {
                tar.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            throw RuntimeError.badRequest("the imported archive is not a tar: " + e.getMessage());
        }
    }
}
