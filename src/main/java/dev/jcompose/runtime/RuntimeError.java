package dev.jcompose.runtime;

/**
 * The one error type of the embedded runtime. It carries the HTTP status the Docker Engine API answers with
 * for the same failure (404 no such object, 409 conflict, 400 bad request, 500 anything else), so the API
 * layer maps it without a table and clients see Docker's codes.
 */
public class RuntimeError extends RuntimeException {
    public static final int BAD_REQUEST = 400;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int INTERNAL = 500;

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
        return new RuntimeError(NOT_FOUND, message);
    }

    public static RuntimeError conflict(String message) {
        return new RuntimeError(CONFLICT, message);
    }

    public static RuntimeError badRequest(String message) {
        return new RuntimeError(BAD_REQUEST, message);
    }

    public static RuntimeError internal(String message, Throwable cause) {
        return new RuntimeError(INTERNAL, message, cause);
    }
}
