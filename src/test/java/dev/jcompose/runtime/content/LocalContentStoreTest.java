package dev.jcompose.runtime.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContentStoreTest {
    @TempDir
    Path root;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ingestStoresUnderItsDigestAndReadsBack() {
        LocalContentStore store = new LocalContentStore(root);
        BlobInfo info = store.ingest(bytes("hello"));
        assertEquals(Digest.of(bytes("hello")), info.digest());
        assertEquals(5, info.size());
        Path expected = root.resolve("content/blobs/sha256/" + info.digest().hex());
        assertEquals(expected, store.path(info.digest()));
        assertArrayEquals(bytes("hello"), store.read(info.digest()));
        assertTrue(store.exists(info.digest()));
        assertTrue(Files.exists(root.resolve("VERSION")));
    }

    @Test
    void listSizesAndDelete() {
        LocalContentStore store = new LocalContentStore(root);
        Digest a = store.ingest(bytes("aaaa")).digest();
        Digest b = store.ingest(bytes("bb")).digest();
        assertEquals(List.of(a, b).stream().sorted().toList(), store.list().stream().map(BlobInfo::digest).toList());
        assertEquals(6, store.totalSize());
        assertTrue(store.delete(a));
        assertFalse(store.delete(a));
        assertFalse(store.exists(a));
        assertEquals(404, assertThrows(RuntimeError.class, () -> store.read(a)).status());
        assertEquals(2, store.totalSize());
    }

    @Test
    void wrongDigestOrSizeIsRefusedAndLeavesNothing() throws Exception {
        LocalContentStore store = new LocalContentStore(root);
        Digest other = Digest.of(bytes("other"));
        RuntimeError digestError = assertThrows(RuntimeError.class,
                () -> store.ingest(new ByteArrayInputStream(bytes("hello")), other, -1));
        assertEquals(400, digestError.status());
        RuntimeError sizeError = assertThrows(RuntimeError.class,
                () -> store.ingest(new ByteArrayInputStream(bytes("hello")), null, 4));
        assertEquals(400, sizeError.status());
        assertEquals(List.of(), store.list());
        try (Stream<Path> ingests = Files.list(root.resolve("content/ingest"))) {
            assertEquals(0, ingests.count());
        }
    }

    @Test
    void expectedDigestAndSizeAccepted() {
        LocalContentStore store = new LocalContentStore(root);
        Digest digest = Digest.of(bytes("hello"));
        assertEquals(digest, store.ingest(new ByteArrayInputStream(bytes("hello")), digest, 5).digest());
    }

    @Test
    void abandonedWriterLeavesNoBlobAndReopenCleansIngests() throws Exception {
        LocalContentStore store = new LocalContentStore(root);
        ContentWriter writer = store.writer();
        writer.write(bytes("partial"));
        // simulate a crash: the writer is never closed; a new store on the same root cleans up
        new LocalContentStore(root);
        try (Stream<Path> ingests = Files.list(root.resolve("content/ingest"))) {
            assertEquals(0, ingests.count());
        }
        assertEquals(List.of(), store.list());
    }

    @Test
    void concurrentIngestsOfTheSameContentAllSucceed() throws Exception {
        LocalContentStore store = new LocalContentStore(root);
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Digest expected = Digest.of(data);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BlobInfo>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.ingest(new ByteArrayInputStream(data), expected, data.length);
                }));
            }
            start.countDown();
            for (Future<BlobInfo> result : results) {
                assertEquals(expected, result.get().digest());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, store.list().size());
        assertArrayEquals(data, store.read(expected));
        try (Stream<Path> ingests = Files.list(root.resolve("content/ingest"))) {
            assertEquals(0, ingests.count());
        }
    }
}
