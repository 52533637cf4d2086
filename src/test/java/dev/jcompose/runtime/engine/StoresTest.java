package dev.jcompose.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container records and volumes: Docker's lookups, names and conflicts, and persistence across reopen. */
class StoresTest {
    @TempDir
    Path root;

    static ContainerRecord record(String id, String name, String created) {
        return new ContainerRecord(id, name, created, "sha256:" + "0".repeat(64), "sh", List.of(), DockerJson.object(),
                DockerJson.object(), null, List.of(), StateRecord.created(), 0, false);
    }

    private static String id(char c) {
        return String.valueOf(c).repeat(64);
    }

    @Test
    void lookupByIdNameAndUniquePrefix() {
        ContainerStore store = new ContainerStore(root);
        store.add(record("abc" + "1".repeat(61), "web", "2024-01-01T00:00:00Z"));
        store.add(record("abd" + "2".repeat(61), "db", "2024-01-02T00:00:00Z"));
        assertEquals("web", store.get("abc" + "1".repeat(61)).name());
        assertEquals("web", store.get("/web").name());
        assertEquals("db", store.get("abd").name());
        RuntimeError ambiguous = assertThrows(RuntimeError.class, () -> store.get("ab"));
        assertEquals(400, ambiguous.status());
        RuntimeError missing = assertThrows(RuntimeError.class, () -> store.get("nope"));
        assertEquals(404, missing.status());
        assertEquals("No such container: nope", missing.getMessage());
        assertEquals(List.of("db", "web"), store.all().stream().map(ContainerRecord::name).toList(), "newest first");
    }

    @Test
    void namesAreUniqueWithDockersMessage() {
        ContainerStore store = new ContainerStore(root);
        store.add(record(id('a'), "web", "2024-01-01T00:00:00Z"));
        RuntimeError e = assertThrows(RuntimeError.class, () -> store.add(record(id('b'), "web", "2024-01-01T00:00:00Z")));
        assertEquals(409, e.status());
        assertEquals("Conflict. The container name \"/web\" is already in use by container \"" + id('a')
                + "\". You have to remove (or rename) that container to be able to reuse that name.", e.getMessage());
        store.add(record(id('b'), "other", "2024-01-01T00:00:00Z"));
        assertThrows(RuntimeError.class, () -> store.update(store.get("other").withName("web")));
        store.update(store.get("other").withName("renamed"));
        assertTrue(store.find("other").isEmpty());
        assertFalse(store.nameTaken("other"));
        RuntimeError bad = assertThrows(RuntimeError.class, () -> ContainerStore.checkName("bad name"));
        assertEquals(400, bad.status());
    }

    @Test
    void recordsSurviveAReopenAndRemovalDeletesTheFile() {
        ContainerStore store = new ContainerStore(root);
        ContainerRecord r = record(id('c'), "keep", "2024-01-01T00:00:00Z")
                .withState(StateRecord.created().started(42, java.time.Instant.parse("2024-01-01T00:00:01Z"), true));
        store.add(r);
        ContainerStore reopened = new ContainerStore(root);
        assertEquals(r, reopened.get("keep"));
        assertEquals(HealthRecord.STARTING, reopened.get("keep").state().health().status());
        reopened.remove(id('c'));
        assertFalse(Files.exists(root.resolve("containers").resolve(id('c')).resolve(ContainerStore.RECORD_FILE)));
        assertTrue(new ContainerStore(root).all().isEmpty());
    }

    @Test
    void volumesAreIdempotentValidatedAndGuardedWhileUsed() {
        VolumeStore volumes = new VolumeStore(root, Clock.systemUTC());
        VolumeRecord v = volumes.create("data", null, Map.of("a", "b"), Map.of(), false);
        assertSame(v, volumes.create("data", "local", Map.of("other", "x"), Map.of(), false), "existing returned");
        assertTrue(Files.isDirectory(volumes.dataDir("data")));
        assertTrue(volumes.isEmpty("data"));
        assertEquals(404, assertThrows(RuntimeError.class, () -> volumes.create("x", "nfs", Map.of(), Map.of(), false))
                .status());
        assertEquals(400, assertThrows(RuntimeError.class, () -> volumes.create("a/b", null, Map.of(), Map.of(), false))
                .status());
        volumes.usersFrom(name -> name.equals("data") ? List.of("c1") : List.of());
        RuntimeError inUse = assertThrows(RuntimeError.class, () -> volumes.remove("data"));
        assertEquals(409, inUse.status());
        assertEquals("remove data: volume is in use - [c1]", inUse.getMessage());
        assertEquals(v, new VolumeStore(root, Clock.systemUTC()).get("data"), "metadata survives a reopen");
        volumes.usersFrom(name -> List.of());
        volumes.remove("data");
        assertFalse(Files.exists(root.resolve("volumes/data")));
        assertEquals("get data: no such volume", assertThrows(RuntimeError.class, () -> volumes.get("data"))
                .getMessage());
    }
}
