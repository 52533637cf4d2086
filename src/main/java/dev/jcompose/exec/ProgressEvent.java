package dev.jcompose.exec;

/**
 * One step of progress on one resource, e.g. (Container, demo-web-1, WORKING, "Creating"). Core code emits
 * these; only the CLI renders them (tty, plain, json, quiet).
 *
 * @param kind   what the resource is: Network, Volume, Container, Image
 * @param name   the engine-side name
 * @param status WORKING while in progress, DONE, WARNING or ERROR at the end
 * @param text   the verb as compose shows it: Creating, Created, Starting, Started, Recreate, Recreated, ...
 * @param detail an optional cause or message ("config hash differs: environment.FOO")
 */
public record ProgressEvent(String kind, String name, Status status, String text, String detail) {
    public enum Status { WORKING, DONE, WARNING, ERROR }

    public static ProgressEvent working(String kind, String name, String text) {
        return new ProgressEvent(kind, name, Status.WORKING, text, null);
    }

    public static ProgressEvent done(String kind, String name, String text) {
        return new ProgressEvent(kind, name, Status.DONE, text, null);
    }

    public static ProgressEvent error(String kind, String name, String text, String detail) {
        return new ProgressEvent(kind, name, Status.ERROR, text, detail);
    }

    public ProgressEvent withDetail(String d) {
        return new ProgressEvent(kind, name, status, text, d);
    }

    /** The resource key the renderer groups lines by. */
    public String key() {
        return kind + " " + name;
    }
}
