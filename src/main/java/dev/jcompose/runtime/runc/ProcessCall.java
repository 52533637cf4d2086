package dev.jcompose.runtime.runc;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one short-lived command with a deadline. stdin is always /dev/null. Output is either captured through a
 * pipe — only for commands that leave no process behind (state, list, ps, version) — or appended to files, which
 * is the only safe choice for commands whose children outlive them (create, exec): a child holding the write end
 * of our pipe would keep the reader waiting forever.
 */
final class ProcessCall {
    private static final File DEV_NULL = new File("/dev/null");

    /** Exit code and captured text (empty when output went to files). */
    record Result(int exitCode, String stdout, String stderr) {}

    private ProcessCall() {}

    /** Captures stdout and stderr through pipes; for commands that spawn nothing long-lived. */
    static Result capture(List<String> command, Duration timeout) throws IOException, TimeoutException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(DEV_NULL);
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        int code = await(p, timeout, command);
        return new Result(code, out.join(), err.join());
    }

    /** stdout and stderr appended to files (or discarded when null); nothing is read through a pipe. */
    static Result toFiles(List<String> command, Path stdout, Path stderr, Duration timeout)
            throws IOException, TimeoutException {
        return toFiles(command, null, stdout, stderr, timeout);
    }

    /**
     * {@link #toFiles}, with {@code stdin} copied to the command's stdin (a pipe only we write to: the child holds
     * its read end, which is safe, unlike a pipe we read) until it ends or the command exits.
     */
    static Result toFiles(List<String> command, InputStream stdin, Path stdout, Path stderr, Duration timeout)
            throws IOException, TimeoutException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stdin == null) {
            pb.redirectInput(DEV_NULL);
        }
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.appendTo(stdout.toFile()));
        pb.redirectError(stderr == null ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        Process p = pb.start();
        Thread feeder = stdin == null ? null : Thread.ofVirtual().start(() -> feed(stdin, p));
        try {
            return new Result(await(p, timeout, command), "", "");
        } finally {
            if (feeder != null) {
                feeder.interrupt(); // the command is over: stop waiting for input nobody will read
            }
        }
    }

    private static void feed(InputStream stdin, Process p) {
        try (java.io.OutputStream to = p.getOutputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = stdin.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // the command exited, or the client went away: stdin is over either way
        }
    }

    private static int await(Process p, Duration timeout, List<String> command) throws TimeoutException {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new TimeoutException(String.join(" ", command.subList(0, Math.min(command.size(), 6)))
                        + " did not finish within " + timeout.toMillis() + " ms");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for " + command.get(0));
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                f.complete(buf.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("");
            }
        });
        return f;
    }

    /** The command did not finish in time (it has been killed). */
    static final class TimeoutException extends Exception {
        TimeoutException(String message) {
            super(message);
        }
    }
}
