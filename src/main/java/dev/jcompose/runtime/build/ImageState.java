package dev.jcompose.runtime.build;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageConfig;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.image.RunConfig;
import java.util.List;

/**
 * The image a build step starts from or produced: config (with history and diff ids) and layers. {@code id} is
 * the digest of the stored config blob, null only for {@code scratch} before its first step.
 */
record ImageState(Digest id, ImageConfig config, List<ImageRecord.Layer> layers) {
    ImageState {
        layers = List.copyOf(layers);
    }

    RunConfig runConfig() {
        return config.runConfig();
    }

    /** "sha256:<hex>" or "scratch": what step cache keys name as the parent. */
    String parentKey() {
        return id == null ? "scratch" : id.toString();
    }
}
