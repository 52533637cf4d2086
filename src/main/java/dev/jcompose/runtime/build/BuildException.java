package dev.jcompose.runtime.build;

import dev.jcompose.runtime.RuntimeError;

/**
 * A build that failed. {@code code} is what dockerd puts in {@code errorDetail.code}: the exit code of a failing
 * RUN (the docker CLI exits with it), 0 otherwise. Before any output is streamed it becomes an HTTP 400.
 */
public class BuildException extends RuntimeError {
    private final int code;
    /** The message without the "dockerfile parse error line N: " prefix (the whole message when none). */
    private final String detail;

    public BuildException(String message) {
        this(message, 0);
    }

    public BuildException(String message, int code) {
        this(message, code, message);
    }

    private BuildException(String message, int code, String detail) {
        super(400, message);
        this.code = code;
        this.detail = detail;
    }

    String detail() {
        return detail;
    }

    public int code() {
        return code;
    }

    /** A Dockerfile error, named by line like dockerd: {@code dockerfile parse error line 3: ...}. */
    public static BuildException parse(int line, String message) {
        return new BuildException("dockerfile parse error line " + line + ": " + message, 0, message);
    }
}
