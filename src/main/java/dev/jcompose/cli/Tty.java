package dev.jcompose.cli;

import dev.jcompose.engine.Stdio;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The controlling terminal, through `test -t` and `stty` on /dev/tty (Java has no isatty or termios): whether
 * stdin or stdout is a terminal, its size, and raw mode for an interactive tty session (restored on close).
 */
final class Tty {
    private static final File DEV_TTY = new File("/dev/tty");

    private Tty() {
    }

    /** Whether file descriptor 0 or 1 of this process is a terminal (the child inherits it). */
    static boolean isTerminal(int fd) {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "test -t " + fd);
        if (fd == 0) {
            pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        }
        try {
            return pb.start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** rows and columns of the terminal, when there is one. */
    static Optional<Stdio.TtySize> size() {
        String answer = stty("size");
        if (answer == null) {
            return Optional.empty();
        }
        String[] parts = answer.trim().split("\\s+");
        try {
            return Optional.of(new Stdio.TtySize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Raw mode (no echo, no line editing, no signals from ^C) until closed; a no-op without a terminal. */
    static AutoCloseable raw() {
        String saved = stty("-g");
        if (saved == null || stty("raw", "-echo") == null) {
            return () -> { };
        }
        return () -> stty(saved.trim());
    }

    private static String stty(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectInput(DEV_TTY)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
