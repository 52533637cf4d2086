package dev.jcompose.runtime.runc;

/** A runc command failed or timed out; the message is runc's own (from its JSON log) when it gave one. */
public class RuncException extends RuntimeException {
    private final String command;
    private final String containerId;
    private final boolean notFound;

    public RuncException(String command, String containerId, String detail) {
        super("runc " + command + (containerId == null ? "" : " " + containerId) + ": " + detail);
        this.command = command;
        this.containerId = containerId;
        this.notFound = detail.contains("does not exist");
    }

    public String command() {
        return command;
    }

    public String containerId() {
        return containerId;
    }

    /** runc said "container does not exist". */
    public boolean isNotFound() {
        return notFound;
    }
}
