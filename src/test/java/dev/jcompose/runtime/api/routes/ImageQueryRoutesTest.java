package dev.jcompose.runtime.api.routes;

import static dev.jcompose.runtime.api.routes.ImageApiFixture.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.image.ImageUsage;
import dev.jcompose.runtime.testing.ImageArchives;
import dev.jcompose.runtime.testing.UnixHttp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read and tag/remove routes over the socket, in the shapes dockerd 20.10 answers (field names and order,
 * nulls, {@code <none>} placeholders, status codes and messages were taken from its answers).
 */
class ImageQueryRoutesTest {
    @TempDir
    Path dir;
    ImageApiFixture api;
    ImageApiFixture.Image web = ImageApiFixture.image("web", Map.of("tier", "web"), "2025-01-01T00:00:00Z");
    ImageApiFixture.Image db = ImageApiFixture.image("db", Map.of("tier", "db", "team", "x"), "2025-02-01T00:00:00Z");

    @BeforeEach
    void start() throws Exception {
        api = new ImageApiFixture(dir);
        assertEquals(200, api.load(web.archive(ImageArchives.Format.DOCKER_LEGACY, "jct-web:1")).status());
        assertEquals(200, api.load(db.archive(ImageArchives.Format.DOCKER_LEGACY, "jct-db:1")).status());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && !array.isNull()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private List<String> tagsListed(String filters) {
        UnixHttp.Response r = api.http.get("/v1.41/images/json" + (filters == null ? "" : "?filters=" + q(filters)));
        assertEquals(200, r.status(), r.toString());
        List<String> tags = new ArrayList<>();
        r.json().forEach(row -> tags.addAll(texts(row.get("RepoTags"))));
        return tags;
    }

    @Test
    void listRowsHaveDockerdsFieldsNewestFirst() {
        JsonNode rows = api.http.get("/v1.41/images/json").json();
        assertEquals(2, rows.size());
        JsonNode first = rows.get(0);
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("Containers", "Created", "Id", "Labels", "ParentId", "RepoDigests", "RepoTags",
                "SharedSize", "Size", "VirtualSize"), fields);
        assertEquals(db.id().toString(), first.get("Id").asText());
        assertEquals(-1, first.get("Containers").asInt());
        assertTrue(first.get("RepoDigests").isNull(), "dockerd sends null for no digests");
        assertEquals(List.of("jct-db:1"), texts(first.get("RepoTags")));
        assertEquals("x", first.get("Labels").get("team").asText());
        assertEquals(dev.jcompose.runtime.testing.TarBuilder.fileBytes(db.layer()), first.get("Size").asLong());
        assertEquals(java.time.Instant.parse("2025-02-01T00:00:00Z").getEpochSecond(), first.get("Created").asLong());
    }

    @Test
    void referenceFilterShowsOnlyTheMatchingTagsInBothJsonShapes() {
        assertEquals(201, api.http.post("/v1.41/images/jct-web:1/tag?repo=other/web&tag=2", null).status());
        assertEquals(List.of("jct-web:1"), tagsListed("{\"reference\":{\"jct-w*\":true}}"));
        assertEquals(List.of("other/web:2"), tagsListed("{\"reference\":[\"other/*\"]}"));
        assertEquals(List.of("other/web:2"), tagsListed("{\"reference\":[\"other/web\"]}"));
        assertEquals(List.of(), tagsListed("{\"reference\":[\"nothing*\"]}"));
    }

    @Test
    void labelDanglingBeforeAndSinceFilters() {
        assertEquals(List.of("jct-db:1"), tagsListed("{\"label\":[\"team\"]}"));
        assertEquals(List.of("jct-web:1"), tagsListed("{\"label\":[\"tier=web\"]}"));
        assertEquals(List.of("jct-web:1"), tagsListed("{\"before\":[\"jct-db:1\"]}"));
        assertEquals(List.of("jct-db:1"), tagsListed("{\"since\":[\"jct-web:1\"]}"));
        // Loading another image under jct-web:1 leaves the old one dangling: <none>:<none> as dockerd shows it.
        ImageApiFixture.Image web2 = ImageApiFixture.image("web2", Map.of(), "2025-03-01T00:00:00Z");
        UnixHttp.Response load = api.load(web2.archive(ImageArchives.Format.DOCKER_LEGACY, "jct-web:1"));
        assertEquals("The image jct-web:1 already exists, renaming the old one with ID " + web.id()
                + " to empty string\n", load.jsonLines().get(0).get("stream").asText());
        JsonNode dangling = api.http.get("/v1.41/images/json?filters=" + q("{\"dangling\":[\"true\"]}")).json();
        assertEquals(1, dangling.size());
        assertEquals(web.id().toString(), dangling.get(0).get("Id").asText());
        assertEquals(List.of("<none>:<none>"), texts(dangling.get(0).get("RepoTags")));
        assertEquals(List.of("<none>@<none>"), texts(dangling.get(0).get("RepoDigests")));
        assertEquals(List.of("jct-web:1", "jct-db:1"), tagsListed("{\"dangling\":{\"false\":true}}"));
    }

    @Test
    void unknownFilterIsA400WithDockerdsMessage() {
        UnixHttp.Response r = api.http.get("/v1.41/images/json?filters=" + q("{\"bogus\":[\"x\"]}"));
        assertEquals(400, r.status());
        assertEquals("Invalid filter 'bogus'", r.json().get("message").asText());
    }

    @Test
    void inspectHasTheStoreViewPlusDockerdsExtraFields() {
        JsonNode image = api.http.get("/v1.41/images/jct-web:1/json").json();
        assertEquals(web.id().toString(), image.get("Id").asText());
        assertEquals(List.of("jct-web:1"), texts(image.get("RepoTags")));
        assertEquals(0, image.get("RepoDigests").size());
        assertEquals(List.of("sh", "-c", "echo web"), texts(image.get("Config").get("Cmd")));
        assertEquals("web", image.get("Config").get("Labels").get("tier").asText());
        assertEquals("", image.get("Config").get("Hostname").asText());
        assertTrue(image.get("ContainerConfig").get("Cmd").isNull());
        assertEquals("overlay2", image.get("GraphDriver").get("Name").asText());
        assertEquals("layers", image.get("RootFS").get("Type").asText());
        assertEquals(1, image.get("RootFS").get("Layers").size());
        assertEquals("linux", image.get("Os").asText());
        assertTrue(image.get("Metadata").has("LastTagTime"));
        UnixHttp.Response missing = api.http.get("/v1.41/images/jct-nope/json");
        assertEquals(404, missing.status());
        assertEquals("No such image: jct-nope:latest", missing.json().get("message").asText());
    }

    @Test
    void historyNewestFirstWithTheIdAndTagsOnTop() {
        JsonNode history = api.http.get("/v1.41/images/jct-web:1/history").json();
        assertEquals(2, history.size());
        assertEquals(web.id().toString(), history.get(0).get("Id").asText());
        assertEquals(List.of("jct-web:1"), texts(history.get(0).get("Tags")));
        assertEquals("/bin/sh -c #(nop) CMD", history.get(0).get("CreatedBy").asText());
        assertEquals(0, history.get(0).get("Size").asLong());
        assertEquals("<missing>", history.get(1).get("Id").asText());
        assertTrue(history.get(1).get("Tags").isNull());
        assertEquals(dev.jcompose.runtime.testing.TarBuilder.fileBytes(web.layer()), history.get(1).get("Size").asLong());
    }

    @Test
    void tagAnswers201AndRemoveUntagsThenDeletes() {
        UnixHttp.Response tag = api.http.post("/v1.41/images/" + web.id().shortId() + "/tag?repo=jct-web&tag=2", null);
        assertEquals(201, tag.status());
        assertEquals(0, tag.body().length);
        assertEquals(404, api.http.post("/v1.41/images/jct-nope/tag?repo=x&tag=1", null).status());
        assertEquals(400, api.http.post("/v1.41/images/jct-web:1/tag?repo=&tag=1", null).status());
        JsonNode untag = api.http.delete("/v1.41/images/jct-web:2").json();
        assertEquals("[{\"Untagged\":\"jct-web:2\"}]", untag.toString());
        JsonNode removed = api.http.delete("/v1.41/images/jct-web:1").json();
        assertEquals("jct-web:1", removed.get(0).get("Untagged").asText());
        assertEquals(web.id().toString(), removed.get(1).get("Deleted").asText());
        assertEquals(List.of("jct-db:1"), tagsListed(null));
        assertEquals(404, api.http.delete("/v1.41/images/jct-web:1").status());
    }

    @Test
    void removalOfAnImageAContainerUsesIsA409() {
        api.users.put(db.id(), List.of(new ImageUsage.User("c0ffee0000001234", false)));
        UnixHttp.Response byId = api.http.delete("/v1.41/images/" + db.id().hex());
        assertEquals(409, byId.status());
        assertEquals("conflict: unable to delete " + db.id().shortId()
                + " (must be forced) - image is being used by stopped container c0ffee000000",
                byId.json().get("message").asText());
        api.users.put(db.id(), List.of(new ImageUsage.User("c0ffee0000001234", true)));
        UnixHttp.Response forced = api.http.delete("/v1.41/images/" + db.id().hex() + "?force=1");
        assertEquals(409, forced.status());
        assertTrue(forced.json().get("message").asText().contains("(cannot be forced) - image is being used by running"
                + " container c0ffee000000"), forced.toString());
        api.users.clear();
        assertEquals(200, api.http.delete("/v1.41/images/" + db.id().hex()).status());
    }

    @Test
    void pruneRemovesDanglingByDefaultAndUnusedWithDanglingFalse() {
        JsonNode nothing = api.http.post("/v1.41/images/prune", null).json();
        assertTrue(nothing.get("ImagesDeleted").isNull(), nothing.toString());
        assertEquals(0, nothing.get("SpaceReclaimed").asLong());
        api.users.put(web.id(), List.of(new ImageUsage.User("c1", false)));
        JsonNode all = api.http.post("/v1.41/images/prune?filters=" + q("{\"dangling\":[\"false\"]}"), null).json();
        assertEquals("[{\"Untagged\":\"jct-db:1\"},{\"Deleted\":\"" + db.id() + "\"}]",
                all.get("ImagesDeleted").toString());
        assertEquals(db.layer().length, all.get("SpaceReclaimed").asLong());
        assertEquals(List.of("jct-web:1"), tagsListed(null));
        JsonNode labelled = api.http.post("/v1.41/images/prune?filters="
                + q("{\"dangling\":[\"false\"],\"label!\":[\"tier\"]}"), null).json();
        assertTrue(labelled.get("ImagesDeleted").isNull());
    }

    @Test
    void searchIsNotImplementedAndInfoCountsImages() {
        UnixHttp.Response search = api.http.get("/v1.41/images/search?term=busybox");
        assertEquals(501, search.status());
        assertTrue(search.json().get("message").asText().startsWith("search is not supported"));
        assertEquals(2, api.http.get("/v1.41/info").json().get("Images").asInt());
        assertEquals(400, api.http.post("/v1.41/images/create", null).status());
    }
}
