package dev.jcompose.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One row of an image list. */
public record ImageSummary(String id, List<String> repoTags, List<String> repoDigests, Instant created, long size,
        Map<String, String> labels) {
    public ImageSummary {
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
        repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
