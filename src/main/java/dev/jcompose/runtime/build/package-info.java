/**
 * The image builder of the embedded engine, served as Docker's classic builder ({@code POST /build}): a
 * hand-written Dockerfile parser ({@link dev.jcompose.runtime.build.DockerfileParser}, word expansion in
 * {@link dev.jcompose.runtime.build.ShellLex}), and an executor that turns each instruction into an image config
 * change and/or a layer. RUN runs in a runc container on an overlay snapshot of the step's parent; COPY/ADD write
 * into a mounted snapshot; the snapshot's upper directory becomes a reproducible layer tar. Steps are cached by
 * (parent image id, instruction after substitution, digest of the inputs). Knows nothing of compose.
 */
package dev.jcompose.runtime.build;
