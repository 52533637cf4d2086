package dev.jcompose.app;

import java.time.Instant;

/**
 * The image a container was created from, as `images` shows it. repository/tag are empty for an image known
 * only by id; os empty and created null when the image is gone (only the container's record of it remains).
 */
public record ImageRow(String id, String repository, String tag, String os, String architecture, long size,
        Instant created) {
}
