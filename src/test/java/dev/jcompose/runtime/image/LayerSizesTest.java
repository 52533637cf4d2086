package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.content.LocalContentStore;
import dev.jcompose.runtime.testing.TarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layer sizes count what dockerd counts (file bytes), hand-counted here; kept on disk, recomputed when lost. */
class LayerSizesTest {
    @TempDir
    Path root;

    /** "hello\n" (6) + a hard link to it (0) + a symlink to "busybox" (7) + a directory (0) + a whiteout (0). */
    private static final byte[] TAR = new TarBuilder().dir("bin", 0755).file("bin/hello", "hello\n", 0644)
            .hardlink("bin/again", "bin/hello").symlink("bin/sh", "busybox").whiteout("gone").build();

    private ImageRecord.Layer stored(LocalContentStore content, byte[] blob) {
        Digest digest = content.ingest(blob).digest();
        return new ImageRecord.Layer(digest, MediaTypes.OCI_LAYER, blob.length, Digest.of(TAR), TAR.length);
    }

    @Test
    void countsFileBytesAndSymlinkTargetsNotTarBytes() {
        LocalContentStore content = new LocalContentStore(root);
        LayerSizes sizes = new LayerSizes(root.resolve("images"), content);
        assertEquals(13, sizes.of(stored(content, TAR)));
        assertEquals(13, TarBuilder.fileBytes(TAR), "the test helper agrees with the hand count");
    }

    @Test
    void readsCompressedBlobsAndKeepsTheResultOnDisk() throws Exception {
        LocalContentStore content = new LocalContentStore(root);
        ImageRecord.Layer layer = stored(content, TarBuilder.gzip(TAR));
        assertEquals(13, new LayerSizes(root.resolve("images"), content).of(layer));
        Path kept = root.resolve("images/layer-sizes").resolve(Digest.of(TAR).hex());
        assertEquals("13", Files.readString(kept));
        Files.writeString(kept, "42"); // a later store believes the kept value: the blob is not read again
        assertEquals(42, new LayerSizes(root.resolve("images"), content).of(layer));
        Files.writeString(kept, "torn");
        assertEquals(13, new LayerSizes(root.resolve("images"), content).of(layer), "a torn file is recomputed");
    }

    @Test
    void aMissingBlobFallsBackToTheTarSize() {
        LocalContentStore content = new LocalContentStore(root);
        ImageRecord.Layer layer = new ImageRecord.Layer(Digest.of(new byte[] {1}), MediaTypes.OCI_LAYER, 1,
                Digest.of(TAR), TAR.length);
        assertEquals(TAR.length, new LayerSizes(root.resolve("images"), content).of(layer));
    }
}
