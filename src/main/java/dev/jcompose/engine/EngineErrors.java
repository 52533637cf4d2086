package dev.jcompose.engine;

import dev.jcompose.error.ComposeException;
import dev.jcompose.error.ComposeException.Kind;

/** The three ways an engine call fails, always with the engine's own message so users can search for it. */
public final class EngineErrors {
    private EngineErrors() {
    }

    public static ComposeException notFound(String message) {
        return new ComposeException(Kind.NOT_FOUND, message);
    }

    public static ComposeException conflict(String message) {
        return new ComposeException(Kind.CONFLICT, message);
    }

    public static ComposeException failure(String message) {
        return new ComposeException(Kind.ENGINE, message);
    }

    public static ComposeException failure(String message, Throwable cause) {
        return new ComposeException(Kind.ENGINE, message, cause);
    }

    /** True when {@code e} says the object does not exist, the one failure callers often tolerate. */
    public static boolean isNotFound(RuntimeException e) {
        return e instanceof ComposeException ce && ce.kind() == Kind.NOT_FOUND;
    }
}
