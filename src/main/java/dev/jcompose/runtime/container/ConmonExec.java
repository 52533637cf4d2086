package dev.jcompose.runtime.container;

import dev.jcompose.runtime.fs.Posix;
import dev.jcompose.runtime.runc.Runc;
import dev.jcompose.runtime.runc.RuncException;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * An exec whose stdio conmon owns ({@code conmon --exec --exec-attach}): with a TTY, conmon receives the pty
 * master from {@code runc exec --tty --console-socket} (the JDK cannot receive a file descriptor) and relays it
 * over its attach socket; it also reaps the process and writes its exit code. {@code --exec-attach} holds runc
 * back until we are connected, so no output is lost: conmon reads a "start pipe" once before it forks and once
 * more before it runs runc. The pipe is a FIFO in the session dir that a shell opens as fd 3 for conmon.
 */
public final class ConmonExec implements AutoCloseable {
    private static final Duration SETUP = Duration.ofSeconds(10);
    /** A resize right after the start can come before conmon reads its control FIFO: how long it may wait. */
    private static final Duration RESIZE_READY = Duration.ofSeconds(1);
    private static final Duration EXIT_RECORD_WAIT = Duration.ofSeconds(5);

    private final Path dir;
    private final ConmonAttach attach;
    private final Runc runc;
    private final String containerId;
    private final long runcLogPosition;
    private final Path socketLink;

    private ConmonExec(Path dir, ConmonAttach attach, Runc runc, String containerId, long runcLogPosition,
            Path socketLink) {
        this.dir = dir;
        this.attach = attach;
        this.runc = runc;
        this.containerId = containerId;
        this.runcLogPosition = runcLogPosition;
        this.socketLink = socketLink;
    }

    /** How one session runs; {@code sessionId} names it in conmon's socket dir. */
    record Request(Path conmon, Runc runc, String containerId, String sessionId, Path dir, Path processJson,
            Path socketDir, boolean terminal, boolean stdin, int rows, int columns) {
    }

    /** Starts conmon and connects; the process itself starts once this returns. */
    static ConmonExec start(Request r) {
        long logPosition = r.runc().logPosition(r.containerId());
        Path startFifo = r.dir().resolve("start");
        try {
            Files.createDirectories(r.socketDir());
            Posix.mknod(startFifo, Posix.S_IFIFO, 0600, 0, 0);
            // read-write: opening a FIFO that way never blocks, whether or not conmon has it open yet
            try (RandomAccessFile start = new RandomAccessFile(startFifo.toFile(), "rw")) {
                ProcessBuilder pb = new ProcessBuilder(command(r)).redirectInput(new File("/dev/null"))
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(r.dir().resolve("conmon.out").toFile()))
                        .redirectErrorStream(true);
                pb.environment().put("JC_START_FIFO", startFifo.toString());
                pb.environment().put("_OCI_STARTPIPE", "3");
                pb.environment().put("_OCI_ATTACHPIPE", "4"); // conmon reports "attach socket ready" there
                Process p = pb.start();
                start.write('\n'); // first read: conmon may fork its monitor
                if (!p.waitFor(SETUP.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new RuncException("exec", r.containerId(), "conmon did not detach in time");
                }
                if (p.exitValue() != 0) {
                    throw new RuncException("exec", r.containerId(), "conmon failed: " + output(r.dir()));
                }
                ConmonAttach attach = ConmonAttach.connect(r.dir().resolve("attach"), SETUP.toMillis());
                if (r.terminal() && r.rows() > 0) {
                    // queued by conmon until runc hands it the terminal: the process starts at this size
                    ConmonControl.resizeWhenReady(r.dir(), r.rows(), r.columns(), SETUP.toMillis());
                }
                start.write('\n'); // second read: conmon's child runs runc exec now
                return new ConmonExec(r.dir(), attach, r.runc(), r.containerId(), logPosition,
                        r.socketDir().resolve(r.sessionId()));
            }
        } catch (IOException e) {
            killConmon(r.dir());
            throw new RuncException("exec", r.containerId(), "cannot start the exec session: " + e.getMessage());
        } catch (InterruptedException e) {
            killConmon(r.dir());
            Thread.currentThread().interrupt();
            throw new RuncException("exec", r.containerId(), "interrupted");
        }
    }

    /** A session that failed before its process started: its conmon (detached, waiting on the start FIFO) goes. */
    private static void killConmon(Path dir) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve("conmon.pid")).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | NumberFormatException e) {
            // conmon never wrote its pid: it did not get that far
        }
    }

    private static List<String> command(Request r) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c",
                "exec \"$0\" \"$@\" 3<>\"$JC_START_FIFO\" 4>/dev/null", r.conmon().toString(),
                "--api-version", "1", "-c", r.containerId(), "-u", r.sessionId(), "-n", r.containerId(),
                "-r", r.runc().binary().toString(), "-b", r.dir().toString(),
                "-p", r.dir().resolve("pid").toString(), "-P", r.dir().resolve("conmon.pid").toString(),
                "-l", "none", "--persist-dir", r.dir().toString(), "--socket-dir-path", r.socketDir().toString(),
                "--exec", "--exec-process-spec", r.processJson().toString(), "--exec-attach",
                "--log-level", "error"));
        if (r.terminal()) {
            cmd.add("--terminal");
        }
        if (r.stdin()) {
            cmd.add("--stdin");
        }
        for (String arg : r.runc().globalArgs(r.containerId())) {
            cmd.add("--runtime-arg");
            cmd.add(arg);
        }
        return cmd;
    }

    public ConmonAttach attach() {
        return attach;
    }

    /** Resizes the session's terminal. */
    public void resize(int rows, int columns) throws IOException {
        try {
            ConmonControl.resizeWhenReady(dir, rows, columns, RESIZE_READY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After the output ended: the exit code conmon recorded; empty when runc failed to start the process, with
     * {@link #failure()} saying why.
     */
    public OptionalInt awaitExit() {
        Path exit = dir.resolve("exit");
        long deadline = System.nanoTime() + EXIT_RECORD_WAIT.toNanos();
        while (true) {
            try {
                String text = Files.readString(exit).strip();
                if (!text.isEmpty()) {
                    return OptionalInt.of(Integer.parseInt(text));
                }
            } catch (IOException | NumberFormatException e) {
                // not written yet
            }
            if (System.nanoTime() > deadline || !conmonAlive()) {
                if (Files.exists(exit)) {
                    continue; // written while we looked: read it once more
                }
                return OptionalInt.empty();
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalInt.empty();
            }
        }
    }

    /** Why runc could not run the process (its logged error, else conmon's message). */
    public String failure() {
        return runc.errorSince(containerId, runcLogPosition).orElseGet(() -> output(dir));
    }

    /** Host pid of the exec'd process, once runc wrote it. */
    public int pid() {
        try {
            return Integer.parseInt(Files.readString(dir.resolve("pid")).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private boolean conmonAlive() {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve("conmon.pid")).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static String output(Path dir) {
        try {
            String text = Files.readString(dir.resolve("conmon.out")).strip();
            return text.isEmpty() ? "conmon exited without a message" : text;
        } catch (IOException e) {
            return "conmon exited without a message";
        }
    }

    /** Drops the connection and conmon's link in the socket dir; the caller removes the session dir. */
    @Override
    public void close() {
        attach.close();
        try {
            Files.deleteIfExists(socketLink);
        } catch (IOException e) {
            // a dangling link in the run dir is harmless
        }
    }
}
