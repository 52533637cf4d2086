package dev.jcompose.app;

/**
 * What `cp` was asked: SERVICE:SRC DEST or SRC SERVICE:DEST ("-" = a tar on stdin/stdout); index 0 = every
 * replica for a copy into containers, the first one for a copy out of a service.
 */
public record CopyRequest(String source, String destination, int index, boolean all, boolean followLink,
        boolean copyOwnership) {
}
