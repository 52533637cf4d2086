package dev.jcompose.runtime.image;

import java.util.List;

/**
 * One line of {@code docker history}, newest first. id is the image id on the top line and
 * {@code <missing>} below (intermediate images of a load or pull are not images here).
 *
 * @param created seconds since the epoch
 * @param size uncompressed size of the layer the step made, 0 for config-only steps
 */
public record HistoryItem(String id, long created, String createdBy, List<String> tags, long size, String comment) {
}
