package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.image.LayerUnpacker.WhiteoutMode;
import dev.jcompose.runtime.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile layers: whatever they contain, nothing is written, changed or deleted outside the unpack
 * directory. A sibling directory "outside" with a victim file stands in for the host; a snapshot of it
 * taken before each test must be identical afterwards.
 */
class MaliciousLayerTest {
    @TempDir
    Path tmp;
    private Path root;
    private Path outside;
    private Map<String, String> outsideBefore;

    @BeforeEach
    void sandbox() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("victim"), "precious");
        Files.createDirectories(outside.resolve("dir"));
        Files.writeString(outside.resolve("dir/inner"), "precious too");
        outsideBefore = LayerUnpackerTest.describe(tmp.resolve("outside"));
    }

    private void assertOutsideUntouched() throws Exception {
        assertEquals(outsideBefore, LayerUnpackerTest.describe(outside));
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(2, siblings.count(), "nothing new next to the unpack dir");
        }
    }

    private RuntimeError refused(TarBuilder layer, WhiteoutMode mode) {
        return assertThrows(RuntimeError.class,
                () -> LayerUnpacker.unpack(new ByteArrayInputStream(layer.build()), root, mode));
    }

    @ParameterizedTest
    @EnumSource(WhiteoutMode.class)
    void dotDotNamesAreRefused(WhiteoutMode mode) throws Exception {
        assertEquals(400, refused(new TarBuilder().raw("../outside/victim", "pwned"), mode).status());
        assertEquals(400, refused(new TarBuilder().raw("a/../../outside/evil", "pwned"), mode).status());
        assertEquals(400, refused(new TarBuilder().dir("x", 0755).raw("x/../../evil", "pwned"), mode).status());
        assertOutsideUntouched();
    }

    @Test
    void absoluteNamesLandInsideTheRoot() throws Exception {
        String absolute = outside.resolve("victim").toString();
        LayerUnpacker.unpack(new ByteArrayInputStream(new TarBuilder().raw(absolute, "inside").build()), root,
                WhiteoutMode.APPLY);
        assertEquals("inside", Files.readString(root.resolve(absolute.substring(1))));
        assertOutsideUntouched();
    }

    @ParameterizedTest
    @EnumSource(WhiteoutMode.class)
    void writingThroughAnAbsoluteSymlinkIsRefused(WhiteoutMode mode) throws Exception {
        RuntimeError error = refused(new TarBuilder().symlink("escape", outside.toString())
                .raw("escape/victim", "pwned"), mode);
        assertEquals(400, error.status());
        assertTrue(error.getMessage().contains("symlink"), error.getMessage());
        assertOutsideUntouched();
    }

    @ParameterizedTest
    @EnumSource(WhiteoutMode.class)
    void writingThroughARelativeSymlinkIsRefused(WhiteoutMode mode) throws Exception {
        assertEquals(400, refused(new TarBuilder().dir("a", 0755).symlink("a/up", "../../outside")
                .raw("a/up/dir/inner", "pwned"), mode).status());
        assertOutsideUntouched();
    }

    @Test
    void aSymlinkFromAnEarlierLayerIsNotFollowedEither() throws Exception {
        LayerUnpacker.unpack(new ByteArrayInputStream(new TarBuilder().symlink("etc", outside.toString()).build()),
                root, WhiteoutMode.APPLY);
        assertEquals(400, refused(new TarBuilder().raw("etc/victim", "pwned"), WhiteoutMode.APPLY).status());
        assertOutsideUntouched();
    }

    @Test
    void aFileEntryReplacesASymlinkInsteadOfWritingToItsTarget() throws Exception {
        LayerUnpacker.unpack(new ByteArrayInputStream(new TarBuilder()
                .symlink("victim", outside.resolve("victim").toString())
                .raw("victim", "replaced the link").build()), root, WhiteoutMode.APPLY);
        assertFalse(Files.isSymbolicLink(root.resolve("victim")));
        assertEquals("replaced the link", Files.readString(root.resolve("victim")));
        assertOutsideUntouched();
    }

    @Test
    void aDirectoryEntryReplacesASymlinkToADirectory() throws Exception {
        LayerUnpacker.unpack(new ByteArrayInputStream(new TarBuilder().symlink("d", outside.toString())
                .dir("d", 0755).raw("d/file", "inside").build()), root, WhiteoutMode.APPLY);
        assertTrue(Files.isDirectory(root.resolve("d"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("inside", Files.readString(root.resolve("d/file")));
        assertOutsideUntouched();
    }

    @ParameterizedTest
    @EnumSource(WhiteoutMode.class)
    void hardLinksToHostFilesAreRefused(WhiteoutMode mode) throws Exception {
        long linksBefore = ((Number) Files.getAttribute(Path.of("/etc/passwd"), "unix:nlink")).longValue();
        assertEquals(400, refused(new TarBuilder().hardlink("passwd", "/etc/passwd"), mode).status());
        assertEquals(400, refused(new TarBuilder().hardlink("victim", outside.resolve("victim").toString()), mode)
                .status());
        assertEquals(400, refused(new TarBuilder().hardlink("victim", "../outside/victim"), mode).status());
        assertEquals(linksBefore, ((Number) Files.getAttribute(Path.of("/etc/passwd"), "unix:nlink")).longValue());
        assertFalse(Files.exists(root.resolve("passwd"), LinkOption.NOFOLLOW_LINKS));
        assertOutsideUntouched();
    }

    @Test
    void aHardLinkThroughASymlinkedDirectoryIsRefused() throws Exception {
        assertEquals(400, refused(new TarBuilder().symlink("host", outside.toString())
                .hardlink("stolen", "host/victim"), WhiteoutMode.APPLY).status());
        assertOutsideUntouched();
    }

    @Test
    void aHardLinkToASymlinkIsAnotherSymlinkAndStaysHarmless() throws Exception {
        assertEquals(400, refused(new TarBuilder().symlink("s", outside.toString()).hardlink("h", "s")
                .raw("h/victim", "pwned"), WhiteoutMode.APPLY).status());
        assertTrue(Files.isSymbolicLink(root.resolve("h")));
        assertOutsideUntouched();
    }

    @Test
    void whiteoutsThroughSymlinksAreRefused() throws Exception {
        assertEquals(400, refused(new TarBuilder().symlink("host", outside.toString()).whiteout("host/victim"),
                WhiteoutMode.APPLY).status());
        assertEquals(400, refused(new TarBuilder().symlink("host2", outside.toString()).opaque("host2"),
                WhiteoutMode.APPLY).status());
        assertEquals(400, refused(new TarBuilder().whiteout("../outside/victim"), WhiteoutMode.APPLY).status());
        assertOutsideUntouched();
    }

    @Test
    void whiteoutsOfDotNamesAreRefused() throws Exception {
        assertEquals(400, refused(new TarBuilder().raw("dir/.wh..", ""), WhiteoutMode.APPLY).status());
        assertEquals(400, refused(new TarBuilder().raw(".wh...", ""), WhiteoutMode.APPLY).status());
        assertOutsideUntouched();
    }
}
