package dev.jcompose.runtime.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The mount data of overlay snapshots, without touching the file system. */
class OverlayOptionsTest {
    private static final Path DIR = Path.of("/var/lib/jcompose/snapshots");
    private static final int PAGE = OverlayOptions.MAX_OPTION_BYTES;

    private static List<Long> parents(long count) {
        return LongStream.rangeClosed(1, count).boxed().toList().reversed();
    }

    @Test
    void activeWithoutParentIsAWritableBindOfItsOwnLayer() {
        assertEquals(List.of(new Mount("bind", "/var/lib/jcompose/snapshots/7/fs", List.of("rbind", "rw"))),
                OverlayOptions.mounts(DIR, Kind.ACTIVE, 7, List.of(), List.of(), PAGE));
    }

    @Test
    void viewOfOneParentIsAReadOnlyBindOfThatParent() {
        assertEquals(List.of(new Mount("bind", "/var/lib/jcompose/snapshots/3/fs", List.of("rbind", "ro"))),
                OverlayOptions.mounts(DIR, Kind.VIEW, 9, List.of(3L), List.of(), PAGE));
    }

    @Test
    void activeWithParentsIsAnOverlayNearestParentFirst() {
        List<Mount> mounts = OverlayOptions.mounts(DIR, Kind.ACTIVE, 4, List.of(3L, 2L, 1L), List.of("index=off"), PAGE);
        assertEquals(List.of(new Mount("overlay", "overlay", List.of(
                "lowerdir=/var/lib/jcompose/snapshots/3/fs:/var/lib/jcompose/snapshots/2/fs:/var/lib/jcompose/snapshots/1/fs",
                "upperdir=/var/lib/jcompose/snapshots/4/fs", "workdir=/var/lib/jcompose/snapshots/4/work",
                "index=off"))), mounts);
        assertNull(mounts.get(0).workingDir());
        assertEquals(Path.of("/var/lib/jcompose/snapshots/4/fs"), mounts.get(0).pathOption("upperdir"));
    }

    @Test
    void viewOfSeveralParentsIsALowerOnlyOverlay() {
        assertEquals(List.of(new Mount("overlay", "overlay", List.of(
                        "lowerdir=/var/lib/jcompose/snapshots/2/fs:/var/lib/jcompose/snapshots/1/fs"))),
                OverlayOptions.mounts(DIR, Kind.VIEW, 5, List.of(2L, 1L), List.of(), PAGE));
    }

    @Test
    void tooLongForOnePageFallsBackToPathsRelativeToTheSnapshotsDirectory() {
        long count = 130; // 130 × ~35 bytes of absolute paths > 4095, 130 × ~7 bytes relative < 4095
        List<Mount> mounts = OverlayOptions.mounts(DIR, Kind.ACTIVE, 200, parents(count), List.of(), PAGE);
        Mount mount = mounts.get(0);
        assertEquals(DIR, mount.workingDir());
        assertTrue(mount.option("lowerdir").startsWith("130/fs:129/fs:"), mount.option("lowerdir"));
        assertTrue(mount.option("lowerdir").endsWith(":1/fs"));
        assertEquals("200/fs", mount.option("upperdir"));
        assertEquals(DIR.resolve("200/fs"), mount.pathOption("upperdir"));
        assertTrue(OverlayOptions.bytes(mount.options()) <= PAGE);
    }

    @Test
    void theFallbackStartsExactlyWhereTheAbsoluteFormStopsFitting() {
        for (long count = 1; count < 200; count++) {
            List<String> absolute = OverlayOptions.mounts(DIR, Kind.ACTIVE, 999, parents(count), List.of(),
                    Integer.MAX_VALUE).get(0).options();
            Mount chosen = OverlayOptions.mounts(DIR, Kind.ACTIVE, 999, parents(count), List.of(), PAGE).get(0);
            boolean fits = OverlayOptions.bytes(absolute) <= PAGE;
            assertEquals(fits, chosen.workingDir() == null, "at " + count + " parents");
        }
    }

    @Test
    void beyondTheKernelsStackDepthOrOnePageEvenRelativeItIsAnError() {
        RuntimeError deep = assertThrows(RuntimeError.class,
                () -> OverlayOptions.mounts(DIR, Kind.ACTIVE, 1000, parents(501), List.of(), PAGE));
        assertTrue(deep.getMessage().contains("500"), deep.getMessage());
        RuntimeError tiny = assertThrows(RuntimeError.class,
                () -> OverlayOptions.mounts(DIR, Kind.ACTIVE, 1000, parents(50), List.of(), 100));
        assertTrue(tiny.getMessage().contains("one page"), tiny.getMessage());
    }

    @Test
    void mountinfoEscapesAreDecoded() {
        assertEquals("/tmp/a b\tc\\d", Mounter.unescape("/tmp/a\\040b\\011c\\134d"));
        assertEquals("/plain", Mounter.unescape("/plain"));
    }
}
