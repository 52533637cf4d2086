package dev.jcompose.model;

/** A service's use of a secret or config: source is the project-level key. */
public record FileReference(String source, String target, String uid, String gid, Integer mode) {
}
