package dev.jcompose.runtime.oci;

/**
 * How PID 1's stdio is wired: a TTY ({@code terminal}), a stdin that stays open for attach clients
 * ({@code openStdin}, Docker's OpenStdin), closed when the first attached client ends it ({@code stdinOnce}).
 */
public record ProcessStdio(boolean terminal, boolean openStdin, boolean stdinOnce) {
    /** Docker's default: no TTY, stdin from /dev/null. */
    public static final ProcessStdio NONE = new ProcessStdio(false, false, false);
}
