package dev.jcompose.runtime.container;

/**
 * How a container ended. {@code exitCode} is 128+signal for a killed PID 1 (137 for SIGKILL and for the OOM
 * killer, like Docker); {@link #UNKNOWN_CODE} when no monitor recorded it (runc alone cannot tell).
 */
public record ExitStatus(int exitCode, boolean oomKilled) {
    public static final int UNKNOWN_CODE = -1;

    public boolean known() {
        return exitCode != UNKNOWN_CODE;
    }
}
