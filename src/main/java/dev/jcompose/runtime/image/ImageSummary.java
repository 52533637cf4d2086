package dev.jcompose.runtime.image;

import dev.jcompose.runtime.content.Digest;
import java.util.List;
import java.util.Map;

/**
 * One row of an image list (Docker's ImageSummary, minus the API's placeholders: a dangling image has
 * empty repoTags here, which the API layer shows as {@code <none>:<none>}).
 *
 * @param created seconds since the epoch (0 when the config has no creation time)
 */
public record ImageSummary(Digest id, List<String> repoTags, List<String> repoDigests, long created, long size,
        Map<String, String> labels) {
}
