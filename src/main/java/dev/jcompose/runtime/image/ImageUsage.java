package dev.jcompose.runtime.image;

import dev.jcompose.runtime.content.Digest;
import java.util.List;

/**
 * Tells the image store which containers use an image, so removal can refuse like Docker does. The
 * container part of the runtime implements it; the image store knows nothing of containers.
 */
@FunctionalInterface
public interface ImageUsage {
    ImageUsage NONE = imageId -> List.of();

    /** A container using an image, and whether it is running (a running one blocks even a forced removal). */
    record User(String containerId, boolean running) {
    }

    List<User> usersOf(Digest imageId);
}
