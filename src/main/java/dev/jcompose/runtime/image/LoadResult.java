package dev.jcompose.runtime.image;

import dev.jcompose.runtime.content.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * What a load brought in. {@link #lines()} are the messages {@code docker load} prints, in order.
 *
 * @param notes messages about tags taken from older images, printed before the loaded lines
 */
public record LoadResult(List<LoadedImage> images, List<String> notes) {
    /** One loaded image and the references (familiar form) it was given. */
    public record LoadedImage(Digest id, List<String> tags) {
    }

    public LoadResult {
        images = List.copyOf(images);
        notes = List.copyOf(notes);
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>(notes);
        for (LoadedImage image : images) {
            if (image.tags().isEmpty()) {
                lines.add("Loaded image ID: " + image.id());
            } else {
                image.tags().forEach(tag -> lines.add("Loaded image: " + tag));
            }
        }
        return lines;
    }
}
