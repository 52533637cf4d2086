package dev.jcompose.cli;

import dev.jcompose.error.ComposeException;

/** The one mapping from failures to process exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /** `plan` / `up --dry-run`: the plan is not empty. */
    public static final int CHANGES = 2;
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    public static int of(ComposeException.Kind kind) {
        return switch (kind) {
            case USAGE -> USAGE;
            case INTERRUPTED -> INTERRUPTED;
            case CONFIG, NOT_FOUND, CONFLICT, ENGINE, TIMEOUT, INTERNAL -> FAILURE;
        };
    }
}
