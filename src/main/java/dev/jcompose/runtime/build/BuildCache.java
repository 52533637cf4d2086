package dev.jcompose.runtime.build;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.fs.AtomicFiles;
import dev.jcompose.runtime.image.ImageConfig;
import dev.jcompose.runtime.image.ImageJson;
import dev.jcompose.runtime.image.ImageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The step cache: key = sha256(parent image id, instruction after substitution, digest of the step's inputs),
 * value = the resulting image state (config blob digest and layers), one small file per key under
 * {@code <root>/build/cache}. An entry whose blobs are gone from the content store (the image was removed) is
 * a miss. Same key → same config blob → same image id, which is what makes rebuilds stable.
 */
final class BuildCache {
    private final Path dir;
    private final ContentStore content;

    BuildCache(Path dir, ContentStore content) {
        this.dir = dir;
        this.content = content;
    }

    record Entry(@JsonProperty("config") Digest config, @JsonProperty("layers") List<ImageRecord.Layer> layers) {
    }

    static String key(ImageState parent, String instruction, String inputs) {
        String text = parent.parentKey() + "\n" + instruction + "\n" + (inputs == null ? "" : inputs);
        return Digest.of(text.getBytes(StandardCharsets.UTF_8)).hex();
    }

    Optional<ImageState> lookup(String key) {
        Path file = dir.resolve(key + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Entry e = ImageJson.MAPPER.readValue(Files.readAllBytes(file), Entry.class);
            if (!content.exists(e.config()) || e.layers().stream().anyMatch(l -> !content.exists(l.blob()))) {
                return Optional.empty();
            }
            ImageConfig config = ImageJson.read(content.read(e.config()), ImageConfig.class, "image config");
            return Optional.of(new ImageState(e.config(), config, e.layers()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a torn or foreign entry is a miss; the step runs again and rewrites it
        }
    }

    void store(String key, ImageState state) {
        try {
            Files.createDirectories(dir);
            // pinned first: the store's garbage collection (daemon start) must not take a cached step's blobs,
            // or every build after a restart would run its steps again (and RUN layers would change ids)
            List<Digest> blobs = new java.util.ArrayList<>();
            blobs.add(state.id());
            state.layers().forEach(l -> blobs.add(l.blob()));
            content.pin("build-cache-" + key, blobs);
            AtomicFiles.write(dir.resolve(key + ".json"),
                    ImageJson.MAPPER.writeValueAsBytes(new Entry(state.id(), state.layers())));
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written only costs a rebuild next time
        }
    }
}
