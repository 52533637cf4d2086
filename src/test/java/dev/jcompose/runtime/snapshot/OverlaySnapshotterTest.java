package dev.jcompose.runtime.snapshot;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.fs.Posix;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The conformance suite on overlayfs with real mounts (root; CI runs as root). */
@Tag("root")
class OverlaySnapshotterTest extends SnapshotterConformance {
    @BeforeAll
    static void needsRoot() {
        assumeTrue(Posix.isRoot(), "overlay mounts need root");
    }

    @Override
    protected Snapshotter create(Path root) {
        return new OverlaySnapshotter(root);
    }
}
