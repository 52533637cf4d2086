package dev.jcompose.runtime.build;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageConfig;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.image.RunConfig;
import java.util.List;

/**
 * The image a build step starts from or produced: config (with history and diff ids) and layers. {@code id} is
 * the digest of the stored config blob, null only for {@code scratch} before its first step.
 * {@code triggersCleared}: a FROM image whose ONBUILD triggers are about to run (same id, config without them);
 * its steps get cache keys of their own, so that no entry of a builder that did not run triggers (whose results
 * still carried them) is hit.
 */
record ImageState(Digest id, ImageConfig config, List<ImageRecord.Layer> layers, boolean triggersCleared) {
    ImageState {
        layers = List.copyOf(layers);
    }

    ImageState(Digest id, ImageConfig config, List<ImageRecord.Layer> layers) {
        this(id, config, layers, false);
    }

    RunConfig runConfig() {
        return config.runConfig();
    }

    /** "sha256:<hex>" or "scratch": what step cache keys name as the parent. */
    String parentKey() {
        String key = id == null ? "scratch" : id.toString();
        return triggersCleared ? key + " onbuild-triggers-cleared" : key;
    }
}
