package dev.jcompose.engine;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The local ends of a container's or an exec's stdio: stdin null = not attached; size null = leave the
 * terminal size alone (only meaningful with a tty).
 */
public record Stdio(InputStream stdin, OutputStream stdout, OutputStream stderr, TtySize size) {
    public Stdio {
        if (stdout == null || stderr == null) {
            throw new IllegalArgumentException("stdout and stderr are required");
        }
    }

    public static Stdio of(InputStream stdin, OutputStream stdout, OutputStream stderr) {
        return new Stdio(stdin, stdout, stderr, null);
    }

    /** A terminal's size in character cells. */
    public record TtySize(int rows, int columns) {
    }
}
