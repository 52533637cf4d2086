package dev.jcompose.runtime.build;

/**
 * Where a build reports, in the classic builder's terms: text for the {@code stream} messages (step lines, RUN
 * output; stderr already wrapped in the colour escapes dockerd uses) and the final image id for {@code aux}.
 * {@link #cancelled()} is polled while a RUN step has no output: true when the client went away.
 */
public interface BuildOutput {
    void stream(String text);

    void imageId(String id);

    default boolean cancelled() {
        return false;
    }
}
