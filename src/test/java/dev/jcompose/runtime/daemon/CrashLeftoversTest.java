package dev.jcompose.runtime.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.content.ContentWriter;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageJson;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.image.ImportOptions;
import dev.jcompose.runtime.snapshot.SnapshotInfo;
import dev.jcompose.runtime.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash leaves in the stores, made by hand in a temp state dir, then the stores opened as the daemon
 * opens them at start ({@link RuntimeStores#open} + {@link RuntimeStores#collectGarbage}): every leftover goes,
 * with one log line and one report line each, and the image that was complete survives intact. No root needed.
 */
class CrashLeftoversTest {
    @TempDir
    Path root;

    private final List<String> logged = new ArrayList<>();
    private final Logger runtimeLogger = Logger.getLogger("dev.jcompose.runtime");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logged) {
                logged.add(r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        runtimeLogger.addHandler(capture);
        runtimeLogger.setLevel(Level.INFO);
    }

    @AfterEach
    void releaseLogs() {
        runtimeLogger.removeHandler(capture);
    }

    @Test
    void everyKindOfCrashLeftoverIsRemovedAndLoggedAndTheCompleteImageSurvives() throws IOException {
        RuntimeStores before = RuntimeStores.open(root);
        Digest keep = importImage(before, "keep:1", "kept");
        String keepTop = before.images().unpack("keep:1");
        Digest lost = importImage(before, "lost:1", "lost");
        String lostTop = before.images().unpack("lost:1");
        ImageRecord lostRecord = before.images().record(lost);
        Digest lostLayerBlob = lostRecord.layers().get(0).blob();
        int lostBlobs = 1 + (lostRecord.manifest() == null ? 0 : 1) + lostRecord.layers().size();

        // 1. the image whose record a crash never wrote: blobs and unpacked layer are there, the record is not
        Files.delete(root.resolve("images/records/" + lost.hex() + ".json"));
        // 2. an ingest cut short
        Files.write(root.resolve("content/ingest/ingest-123"), new byte[4096]);
        // 3. a record rewrite cut before its rename, and a record file that is not a record
        Files.writeString(root.resolve("images/records/." + keep.hex() + ".json.tmp-0b1c"), "{\"id\":");
        Path broken = root.resolve("images/records/" + "ab".repeat(32) + ".json");
        Files.writeString(broken, "{not json");
        // 4. a record whose config blob is missing
        Digest noConfig = Digest.of("never stored".getBytes(StandardCharsets.UTF_8));
        Files.write(root.resolve("images/records/" + noConfig.hex() + ".json"), ImageJson.write(
                new ImageRecord(noConfig, null, before.images().record(keep).layers(), "2025-01-01T00:00:00Z")));
        // 5. a blob committed by an ingest whose image load never finished
        Digest orphanBlob;
        try (ContentWriter w = before.content().writer()) {
            w.write("orphan layer bytes".getBytes(StandardCharsets.UTF_8));
            orphanBlob = w.commit(null, -1).digest();
        }
        // 6. a layer unpack a crash interrupted, a snapshot dir whose metadata was never written, a metadata temp
        before.snapshots().prepare("extract-dead sha256:" + "cd".repeat(32), keepTop);
        Files.createDirectories(root.resolve("snapshots/999/fs/etc"));
        Files.writeString(root.resolve("snapshots/.metadata.json.tmp-77"), "{");

        RuntimeStores after = RuntimeStores.open(root);
        List<String> report = after.collectGarbage();

        assertFalse(Files.exists(root.resolve("content/ingest/ingest-123")), "ingest left");
        assertFalse(Files.exists(root.resolve("images/records/." + keep.hex() + ".json.tmp-0b1c")), "temp record");
        assertFalse(Files.exists(broken), "broken record left");
        assertFalse(Files.exists(root.resolve("images/records/" + noConfig.hex() + ".json")), "record without config");
        assertTrue(after.content().info(orphanBlob).isEmpty(), "orphan blob left");
        assertTrue(after.content().info(lost).isEmpty() && after.content().info(lostLayerBlob).isEmpty(),
                "blobs of the image without record left");
        assertFalse(Files.exists(root.resolve("snapshots/999")), "snapshot dir without metadata");
        assertFalse(Files.exists(root.resolve("snapshots/.metadata.json.tmp-77")), "snapshot metadata temp");
        List<String> snapshots = after.snapshots().list().stream().map(SnapshotInfo::name).toList();
        assertFalse(snapshots.contains(lostTop), "unpacked layer of the lost image: " + snapshots);
        assertTrue(snapshots.stream().noneMatch(s -> s.startsWith("extract-")), "extraction left: " + snapshots);

        // the complete image is untouched and still runs from its layers
        assertEquals(keep, after.images().resolve("keep:1"));
        assertEquals(keepTop, after.images().unpack("keep:1"));
        assertTrue(snapshots.contains(keepTop), "kept layer removed");
        assertTrue(after.content().info(keep).isPresent());

        // ingest, temp record, broken record, record without config, extraction, snapshot dir, snapshot temp,
        // the lost image's layer snapshot, its blobs, the orphan blob
        assertEquals(8 + lostBlobs + 1, report.size(), "one report line per leftover:\n" + String.join("\n", report));
        for (String line : report) {
            assertTrue(logged.stream().anyMatch(l -> l.startsWith("removed") && l.contains(firstWord(line))),
                    "no log line for " + line + " in " + logged);
        }
        // idempotent: a second start finds nothing more
        assertEquals(List.of(), RuntimeStores.open(root).collectGarbage());
    }

    @Test
    void pinnedBlobsSurviveTheCollection() throws IOException {
        RuntimeStores stores = RuntimeStores.open(root);
        Digest pinned = stores.content().ingest("a cached build step's config".getBytes(StandardCharsets.UTF_8))
                .digest();
        Digest loose = stores.content().ingest("nobody's".getBytes(StandardCharsets.UTF_8)).digest();
        stores.content().pin("build-cache-abc", List.of(pinned));
        RuntimeStores after = RuntimeStores.open(root);
        List<String> report = after.collectGarbage();
        assertTrue(after.content().info(pinned).isPresent(), "pinned blob removed: " + report);
        assertTrue(after.content().info(loose).isEmpty(), "unpinned blob kept");
        stores.content().pin("build-cache-abc", List.of()); // re-pinning replaces: now it may go
        assertTrue(RuntimeStores.open(root).collectGarbage().stream().anyMatch(l -> l.contains(pinned.toString())));
    }

    private static String firstWord(String line) {
        String[] words = line.split(" ");
        return words.length > 1 ? words[1].replace("(", "") : line;
    }

    private static Digest importImage(RuntimeStores stores, String reference, String marker) {
        byte[] tar = new TarBuilder().dir("etc", 0755).file("etc/marker", marker, 0644).build();
        return stores.images().importRootfs(new ByteArrayInputStream(tar), ImportOptions.DEFAULTS
                .withReference(reference));
    }
}
