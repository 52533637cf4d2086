package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's untag-versus-delete rules and container conflicts (daemon/images/image_delete.go). */
class ImageRemoveTest {
    private static final String CONTAINER = "c0ffee0123456789c0ffee0123456789";

    @TempDir
    Path root;
    private ImageStoreFixture fixture;
    private ImageStore store;
    private Digest id;

    @BeforeEach
    void oneImage() {
        fixture = new ImageStoreFixture(root);
        store = fixture.store;
        id = fixture.load(ImageStoreFixture.image("one", List.of("app:1"))).images().get(0).id();
    }

    private static ImageUsage used(boolean running) {
        return image -> List.of(new ImageUsage.User(CONTAINER, running));
    }

    private List<DeleteItem> deletedImage() {
        return List.of(DeleteItem.deleted(id.toString()));
    }

    @Test
    void removingOneOfTwoTagsOnlyUntags() {
        store.tag("app:1", "app:2");
        assertEquals(List.of(DeleteItem.untagged("app:2")), store.remove("app:2", false, ImageUsage.NONE));
        assertEquals(id, store.resolve("app:1"));
    }

    @Test
    void removingTheLastTagDeletesTheImageItsBlobsAndNothingElse() {
        Digest other = fixture.load(ImageStoreFixture.image("two", List.of("other:1"))).images().get(0).id();
        Digest sharedBase = store.record(id).layers().get(0).blob();
        Digest ownLayer = store.record(id).layers().get(1).blob();
        List<DeleteItem> items = store.remove("app:1", false, ImageUsage.NONE);
        assertEquals(DeleteItem.untagged("app:1"), items.get(0));
        assertEquals(DeleteItem.deleted(id.toString()), items.get(1));
        assertFalse(store.find(id.toString()).isPresent());
        assertFalse(fixture.content.exists(id));
        assertFalse(fixture.content.exists(ownLayer));
        assertTrue(fixture.content.exists(sharedBase), "still used by the other image");
        assertEquals(other, store.resolve("other:1"));
    }

    @Test
    void byNameAStoppedContainerNeedsForceAndForceDeletes() {
        RuntimeError error = assertThrows(RuntimeError.class, () -> store.remove("app:1", false, used(false)));
        assertEquals(409, error.status());
        assertEquals("conflict: unable to remove repository reference \"app:1\" (must force) - container c0ffee012345"
                + " is using its referenced image " + id.shortId(), error.getMessage());
        assertEquals(id, store.resolve("app:1"));
        List<DeleteItem> items = store.remove("app:1", true, used(false));
        assertEquals(List.of(DeleteItem.untagged("app:1"), DeleteItem.deleted(id.toString())), items.subList(0, 2));
    }

    @Test
    void byNameWithARunningContainerForceOnlyUntags() {
        assertEquals(List.of(DeleteItem.untagged("app:1")), store.remove("app:1", true, used(true)));
        assertEquals(id, store.resolve(id.toString()), "the image stays for the running container");
    }

    @Test
    void byIdARunningContainerBlocksEvenForce() {
        RuntimeError error = assertThrows(RuntimeError.class, () -> store.remove(id.shortId(), true, used(true)));
        assertEquals(409, error.status());
        assertEquals("conflict: unable to delete " + id.shortId() + " (cannot be forced) - image is being used by"
                + " running container c0ffee012345", error.getMessage());
    }

    @Test
    void byIdAStoppedContainerNeedsForce() {
        RuntimeError error = assertThrows(RuntimeError.class, () -> store.remove(id.hex(), false, used(false)));
        assertEquals("conflict: unable to delete " + id.shortId() + " (must be forced) - image is being used by"
                + " stopped container c0ffee012345", error.getMessage());
        assertEquals(List.of(DeleteItem.untagged("app:1"), DeleteItem.deleted(id.toString())),
                store.remove(id.hex(), true, used(false)).subList(0, 2));
    }

    @Test
    void byIdWithTagsInSeveralRepositoriesNeedsForceThenUntagsAll() {
        store.tag("app:1", "mirror.example.com/app:1");
        RuntimeError error = assertThrows(RuntimeError.class, () -> store.remove(id.toString(), false, ImageUsage.NONE));
        assertEquals("conflict: unable to delete " + id.shortId() + " (must be forced) - image is referenced in multiple"
                + " repositories", error.getMessage());
        List<DeleteItem> items = store.remove(id.toString(), true, ImageUsage.NONE);
        assertEquals(List.of(DeleteItem.untagged("app:1"), DeleteItem.untagged("mirror.example.com/app:1"),
                DeleteItem.deleted(id.toString())), items.subList(0, 3));
    }

    @Test
    void byIdWithOneTagUntagsAndDeletes() {
        assertEquals(List.of(DeleteItem.untagged("app:1"), DeleteItem.deleted(id.toString())),
                store.remove(id.shortId(), false, ImageUsage.NONE).subList(0, 2));
        assertEquals(404, assertThrows(RuntimeError.class, () -> store.remove("app:1", false, ImageUsage.NONE)).status());
    }

    @Test
    void aDanglingImageGoesById() {
        store.untag("app:1");
        assertEquals(deletedImage(), store.remove(id.toString(), false, ImageUsage.NONE).subList(0, 1));
    }
}
