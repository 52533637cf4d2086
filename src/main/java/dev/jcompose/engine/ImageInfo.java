package dev.jcompose.engine;

import java.time.Instant;
import java.util.List;

/** An image as inspected; id is "sha256:...", repoDigests "name@sha256:..." (empty for local-only images). */
public record ImageInfo(String id, List<String> repoTags, List<String> repoDigests, Instant created, long size,
        String os, String architecture, ImageConfig config) {
    public ImageInfo {
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
        repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
        config = config == null ? ImageConfig.EMPTY : config;
    }
}
