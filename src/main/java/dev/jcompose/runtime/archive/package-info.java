/**
 * A container's files seen from the host (a rootfs with mounts laid over it, paths resolved as if chrooted) and
 * the tars of {@code docker cp}/{@code docker export}: stat in Docker's shape, archive a tree, extract into one.
 * Knows nothing of containers' records or lifecycles; the engine's ContainerFiles builds the views.
 */
package dev.jcompose.runtime.archive;
