package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.testing.ImageArchives.Format;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names, lookups, listing and history on a store holding three images. */
class ImageStoreQueryTest {
    @TempDir
    Path root;
    private ImageStore store;
    private Digest old;
    private Digest web;
    private Digest dangling;

    @BeforeEach
    void threeImages() {
        ImageStoreFixture fixture = new ImageStoreFixture(root);
        store = fixture.store;
        old = fixture.load(ImageStoreFixture.image(Format.DOCKER_LEGACY, "old", Map.of("tier", "db"),
                "2020-01-01T00:00:00Z", false, List.of("db:5", "localhost:5000/team/db:5"))).images().get(0).id();
        web = fixture.load(ImageStoreFixture.image(Format.DOCKER_LEGACY, "web", Map.of("tier", "web", "public", ""),
                "2023-01-01T00:00:00Z", false, List.of("web:latest"))).images().get(0).id();
        dangling = fixture.load(ImageStoreFixture.image(Format.OCI_LAYOUT, "none", Map.of(),
                "2022-01-01T00:00:00Z", false, List.of())).images().get(0).id();
    }

    @Test
    void resolvesNamesIdsAndUniqueIdPrefixesLikeDocker() {
        assertEquals(web, store.resolve("web"));
        assertEquals(web, store.resolve("web:latest"));
        assertEquals(web, store.resolve("docker.io/library/web"));
        assertEquals(old, store.resolve("localhost:5000/team/db:5"));
        assertEquals(old, store.resolve(old.toString()));
        assertEquals(old, store.resolve(old.hex()));
        assertEquals(old, store.resolve(old.shortId()));
        assertEquals(old, store.resolve("sha256:" + old.hex().substring(0, 10)));
        assertEquals(dangling, store.resolve(dangling.hex().substring(0, 12)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            nope            | No such image: nope:latest
            db              | No such image: db:latest
            ghcr.io/a/b:1   | No such image: ghcr.io/a/b:1
            """)
    void unknownNamesAre404sWithDockersMessage(String name, String message) {
        RuntimeError error = assertThrows(RuntimeError.class, () -> store.resolve(name));
        assertEquals(404, error.status());
        assertEquals(message, error.getMessage());
    }

    @Test
    void unknownIdsAndBadNames() {
        String zeros = "0".repeat(64);
        assertEquals("No such image: sha256:" + zeros,
                assertThrows(RuntimeError.class, () -> store.resolve(zeros)).getMessage());
        assertEquals(400, assertThrows(RuntimeError.class, () -> store.resolve("Upper:case")).status());
    }

    @Test
    void tagAndUntag() {
        store.tag("web", "registry.example.com/web:v2");
        store.tag(web.shortId(), "mine");
        assertEquals(List.of("mine:latest", "registry.example.com/web:v2", "web:latest"), store.inspect("web").repoTags());
        store.untag("mine");
        store.untag("registry.example.com/web:v2");
        assertEquals(List.of("web:latest"), store.inspect("web").repoTags());
        assertEquals(404, assertThrows(RuntimeError.class, () -> store.untag("mine")).status());
        assertEquals(400, assertThrows(RuntimeError.class,
                () -> store.tag("web", "web@" + web)).status());
        assertEquals(404, assertThrows(RuntimeError.class, () -> store.tag("nope", "x")).status());
    }

    private List<Digest> list(Map<String, List<String>> filters) {
        return store.list(ImageFilters.parse(filters)).stream().map(ImageSummary::id).toList();
    }

    @Test
    void listsNewestFirstWithDockersFilters() {
        assertEquals(List.of(web, dangling, old), list(Map.of()));
        assertEquals(List.of(dangling), list(Map.of("dangling", List.of("true"))));
        assertEquals(List.of(web, old), list(Map.of("dangling", List.of("false"))));
        assertEquals(List.of(web), list(Map.of("reference", List.of("w*"))));
        assertEquals(List.of(old), list(Map.of("reference", List.of("db:5"))));
        assertEquals(List.of(old), list(Map.of("reference", List.of("localhost:5000/team/*"))));
        assertEquals(List.of(web, old), list(Map.of("reference", List.of("web", "db"))));
        assertEquals(List.of(), list(Map.of("reference", List.of("team/*"))));
        assertEquals(List.of(web, old), list(Map.of("label", List.of("tier"))));
        assertEquals(List.of(old), list(Map.of("label", List.of("tier=db"))));
        assertEquals(List.of(web), list(Map.of("label", List.of("tier=web", "public"))));
        assertEquals(List.of(dangling, old), list(Map.of("before", List.of("web"))));
        assertEquals(List.of(web, dangling), list(Map.of("since", List.of("db:5"))));
        assertEquals(400, assertThrows(RuntimeError.class, () -> list(Map.of("color", List.of("red")))).status());
        assertEquals(400, assertThrows(RuntimeError.class, () -> list(Map.of("dangling", List.of("maybe")))).status());
    }

    @Test
    void summariesCarryTagsSizesLabelsAndCreationSeconds() {
        ImageSummary summary = store.list(ImageFilters.parse(Map.of("reference", List.of("db")))).get(0);
        assertEquals(List.of("db:5", "localhost:5000/team/db:5"), summary.repoTags());
        assertEquals(1577836800L, summary.created());
        assertEquals(Map.of("tier", "db"), summary.labels());
        // file bytes (dockerd's layer size): "ID=test\n" and "a" of the base layer, "old" of the app layer
        assertEquals(8 + 1 + 3, summary.size());
        assertTrue(summary.size() > 0);
    }

    @Test
    void historyIsNewestFirstWithTheIdOnTop() {
        List<HistoryItem> history = store.history("web");
        assertEquals(3, history.size());
        assertEquals(web.toString(), history.get(0).id());
        assertEquals(List.of("web:latest"), history.get(0).tags());
        assertEquals("/bin/sh -c #(nop) CMD", history.get(0).createdBy());
        assertEquals(0, history.get(0).size(), "config-only step");
        assertEquals("<missing>", history.get(1).id());
        assertEquals("web".length(), history.get(1).size(), "the app layer's one file");
        assertEquals(8 + 1, history.get(2).size(), "the base layer's two files");
        assertEquals(1672531200L, history.get(2).created());
    }
}
