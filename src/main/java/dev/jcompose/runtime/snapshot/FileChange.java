package dev.jcompose.runtime.snapshot;

/**
 * One entry of {@code GET /containers/{id}/changes}: an absolute path in the container and what happened to it.
 *
 * @param path absolute, as seen inside the container ({@code /etc/passwd})
 */
public record FileChange(String path, Kind kind) {
    /** The kinds with the numbers Docker's API uses (Modified 0, Added 1, Deleted 2). */
    public enum Kind {
        MODIFIED, ADDED, DELETED;

        public int code() {
            return ordinal();
        }
    }
}
