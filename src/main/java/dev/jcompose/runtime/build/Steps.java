package dev.jcompose.runtime.build;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageConfig;
import dev.jcompose.runtime.image.ImageJson;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.image.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How every build step ends: looked up in the cache, or computed, committed as a new image state and cached. */
final class Steps {
    private final BuildRun run;

    Steps(BuildRun run) {
        this.run = run;
    }

    @FunctionalInterface
    interface StepWork {
        ImageState get() throws IOException;
    }

    /** The step from the cache when allowed and present, else computed and stored. */
    ImageState cached(ImageState parent, String text, String inputs, StepWork work) {
        String key = BuildCache.key(parent, text, inputs);
        if (!run.options().noCache()) {
            Optional<ImageState> hit = run.cache().lookup(key);
            if (hit.isPresent()) {
                run.output().stream(" ---> Using cache\n");
                showId(hit.get());
                return hit.get();
            }
        }
        ImageState next;
        try {
            next = work.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run.cache().store(key, next);
        showId(next);
        return next;
    }

    private void showId(ImageState state) {
        if (run.showStepIds()) {
            run.output().stream(" ---> " + state.id().shortId() + "\n");
        }
    }

    /**
     * A step that only changes the config. dockerd's classic builder commits those through a container it
     * creates and removes, and prints that pair of lines; the embedded builder needs no container, but prints
     * the same shape (a fresh id) so that build logs read alike.
     */
    ImageState configCommit(ImageState parent, RunConfig config, String createdBy) {
        String shortId = java.util.HexFormat.of().formatHex(randomBytes());
        run.output().stream(" ---> Running in " + shortId + "\n");
        ImageState next = commit(parent, config, null, createdBy);
        run.output().stream("Removing intermediate container " + shortId + "\n");
        return next;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    ImageState commit(ImageState parent, ImageRecord.Layer layer, String createdBy) {
        return commit(parent, parent.runConfig(), layer, createdBy);
    }

    /** A new image state: the parent plus a history entry, and the layer when there is one. */
    ImageState commit(ImageState parent, RunConfig config, ImageRecord.Layer layer, String createdBy) {
        String now = run.env().clock().instant().toString();
        List<ImageConfig.HistoryEntry> history = new ArrayList<>(parent.config().history());
        history.add(new ImageConfig.HistoryEntry(now, createdBy, null, null, layer == null));
        List<ImageRecord.Layer> layers = new ArrayList<>(parent.layers());
        if (layer != null) {
            layers.add(layer);
        }
        ImageConfig p = parent.config();
        ImageConfig next = new ImageConfig(p.architecture(), p.os(), p.variant(), now, p.author(), null, null, config,
                new ImageConfig.RootFs("layers", layers.stream().map(ImageRecord.Layer::diffId).toList()), history);
        Digest id = run.env().content().ingest(ImageJson.write(next)).digest();
        return new ImageState(id, next, layers);
    }

}
