package dev.jcompose.exec;

/** Receives progress events; implementations must be thread-safe (the executor runs operations in parallel). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = e -> { };

    void on(ProgressEvent event);

    /** Free-form warnings and notes (orphans found, variable not set). */
    default void warn(String message) {
    }
}
