package dev.jcompose.engine;

import dev.jcompose.error.ComposeException;

/**
 * A build the engine ran and that failed: a Dockerfile error, a failing RUN step, a missing base image. Carries the
 * status docker gives it ({@code errorDetail.code}, e.g. the exit code of the failing RUN; 1 when the engine gives
 * none), which docker compose uses as its own exit status.
 */
public class BuildFailedException extends ComposeException {
    private final int exitCode;

    public BuildFailedException(String message, int exitCode) {
        this(message, exitCode, null);
    }

    public BuildFailedException(String message, int exitCode, Throwable cause) {
        super(Kind.ENGINE, message, cause);
        this.exitCode = exitCode <= 0 ? 1 : exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
