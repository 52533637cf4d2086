package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.content.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-layer size records ({@code images/layer-sizes/<diffid>}) go with their layers: removing an image
 * drops the records of the layers no other image has (a shared base layer's stays), and the start-up
 * collection drops records no image explains (a kill between an image removal and the record's deletion,
 * or a record written for a layer removed meanwhile, and the temp file of a torn write).
 */
class LayerSizesGarbageTest {
    @TempDir
    Path root;

    private Set<String> sizeRecords() throws Exception {
        Path dir = root.resolve("images/layer-sizes");
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String hex(byte[] layer) {
        return Digest.of(layer).hex();
    }

    @Test
    void removingAnImageDropsTheSizesOfTheLayersOnlyItHad() throws Exception {
        ImageStoreFixture f = new ImageStoreFixture(root);
        ImageStoreFixture.Built a = ImageStoreFixture.image("a", List.of("app:a"));
        ImageStoreFixture.Built b = ImageStoreFixture.image("b", List.of("app:b"));
        f.load(a);
        f.load(b);
        f.store.list(ImageFilters.NONE); // docker images: measures and records every layer
        String base = hex(a.layers().get(0));
        assertEquals(new TreeSet<>(Set.of(base, hex(a.layers().get(1)), hex(b.layers().get(1)))), sizeRecords());

        f.store.remove("app:a", false, ImageUsage.NONE);
        assertEquals(new TreeSet<>(Set.of(base, hex(b.layers().get(1)))), sizeRecords(),
                "the shared base layer's record stays, a's own layer's goes");
        f.store.remove("app:b", false, ImageUsage.NONE);
        assertEquals(Set.of(), sizeRecords());
    }

    @Test
    void theStartUpCollectionDropsRecordsOfLayersNoImageHas() throws Exception {
        ImageStoreFixture f = new ImageStoreFixture(root);
        ImageStoreFixture.Built a = ImageStoreFixture.image("a", List.of("app:a"));
        f.load(a);
        long sizeOfA = f.store.list(ImageFilters.NONE).get(0).size();
        Path dir = root.resolve("images/layer-sizes");
        String orphan = hex("a layer removed while the daemon was down".getBytes());
        Files.writeString(dir.resolve(orphan), "123");
        Files.writeString(dir.resolve("." + orphan + ".tmp-torn"), "12");

        List<String> removed = f.reopen().store.collectGarbage();

        assertTrue(removed.contains("layer size record " + orphan + " (no image has that layer)"), removed.toString());
        assertEquals(new TreeSet<>(Set.of(hex(a.layers().get(0)), hex(a.layers().get(1)))), sizeRecords());
        assertEquals(sizeOfA, f.reopen().store.list(ImageFilters.NONE).get(0).size(), "kept records still serve");
        assertEquals(List.of(), f.reopen().store.collectGarbage().stream()
                .filter(line -> line.startsWith("layer size record")).toList(), "nothing left to collect");
    }
}
