package dev.jcompose.runtime;

/**
 * A failure of the embedded runtime with the HTTP status the Docker Engine API would answer (404 no such
 * container, 409 conflict, 400 bad parameter, 500 server error). The API layer turns it into
 * {@code {"message": ...}} which real Docker clients print as they would Docker's own errors.
 */
public class RuntimeError extends RuntimeException {
    private final int status;

    public RuntimeError(int status, String message) {
        super(message);
        this.status = status;
    }

    public RuntimeError(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static RuntimeError notFound(String message) {
        return new RuntimeError(404, message);
    }

    public static RuntimeError conflict(String message) {
        return new RuntimeError(409, message);
    }

    public static RuntimeError badRequest(String message) {
        return new RuntimeError(400, message);
    }

    public static RuntimeError notModified(String message) {
        return new RuntimeError(304, message);
    }

    public static RuntimeError internal(String message, Throwable cause) {
        return new RuntimeError(500, message, cause);
    }
}
