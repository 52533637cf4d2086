package dev.jcompose.error;

import java.util.Objects;

/**
 * The one exception type every layer throws for a user-facing failure. The CLI maps {@link Kind} to an exit
 * code in one place and prints {@link #getMessage()} without a stack trace unless --stacktrace is given.
 */
public class ComposeException extends RuntimeException {
    public enum Kind {
        /** Wrong command-line usage: unknown flag, bad flag value, unknown service name. */
        USAGE,
        /** The compose files, .env files or project layout are invalid. */
        CONFIG,
        /** A resource the user named does not exist (image, container, file). */
        NOT_FOUND,
        /** A conflict with existing state: name in use, port allocated, project busy. */
        CONFLICT,
        /** The engine refused or failed an operation. */
        ENGINE,
        /** A wait (health, --wait, depends_on condition) did not succeed. */
        TIMEOUT,
        /** The user interrupted the command (Ctrl-C). */
        INTERRUPTED,
        /** A bug: should never reach the user without a hint to report it. */
        INTERNAL
    }

    private final Kind kind;

    public ComposeException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ComposeException(Kind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(message), cause);
        this.kind = Objects.requireNonNull(kind);
    }

    public Kind kind() {
        return kind;
    }

    public static ComposeException config(String message) {
        return new ComposeException(Kind.CONFIG, message);
    }

    /** A config error located in a file: {@code file:line:col key.path: message}. */
    public static ComposeException config(Located where, String message) {
        return new ComposeException(Kind.CONFIG, where.describe() + ": " + message);
    }

    public static ComposeException usage(String message) {
        return new ComposeException(Kind.USAGE, message);
    }

    /** Anything that can say where it is, e.g. a YAML node with its key path. */
    public interface Located {
        String describe();
    }
}
