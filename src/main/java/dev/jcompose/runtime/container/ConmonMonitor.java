package dev.jcompose.runtime.container;

import dev.jcompose.runtime.oci.ProcessStdio;
import dev.jcompose.runtime.runc.Runc;
import dev.jcompose.runtime.runc.RuncException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * conmon (Debian package conmon) as the per-container monitor: it runs {@code runc create}, stays the parent of
 * PID 1, writes timestamped k8s-file logs (size-capped), the exit code (persist dir file "exit", and
 * {@code <exitDir>/<id>} for watchers), an "oom" file, and an attach socket. It daemonizes at once, so it
 * survives a daemon restart and holds no pipe to us.
 */
public final class ConmonMonitor implements ContainerMonitor {
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/conmon");
    private static final System.Logger LOG = System.getLogger(ConmonMonitor.class.getName());

    private final Path conmon;
    private final Runc runc;
    private final Path exitDir;
    private final Path socketDir;
    private final long logSizeMax;

    public ConmonMonitor(Path conmon, Runc runc, Path exitDir, Path socketDir, long logSizeMax) {
        this.conmon = conmon;
        this.runc = runc;
        this.exitDir = exitDir;
        this.socketDir = socketDir;
        this.logSizeMax = logSizeMax;
    }

    /** conmon at its Debian path, if installed. */
    public static Optional<ConmonMonitor> detect(Runc runc, Path exitDir, Path socketDir, long logSizeMax) {
        return Files.isExecutable(DEFAULT_BINARY)
                ? Optional.of(new ConmonMonitor(DEFAULT_BINARY, runc, exitDir, socketDir, logSizeMax))
                : Optional.empty();
    }

    Path binary() {
        return conmon;
    }

    Path socketDir() {
        return socketDir;
    }

    /** An exec whose stdio conmon owns. */
    ConmonExec exec(ConmonExec.Request request) {
        return ConmonExec.start(request);
    }

    @Override
    public String name() {
        return "conmon";
    }

    @Override
    public void create(String id, ContainerPaths paths, ProcessStdio stdio, Duration timeout) {
        long logPosition = runc.logPosition(id);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Files.createDirectories(exitDir);
            Files.createDirectories(socketDir);
            long begin = System.nanoTime();
            Process p = new ProcessBuilder(command(id, paths, stdio)).redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.conmonOutput().toFile()))
                    .redirectErrorStream(true).start();
            // the first conmon process forks the monitor and returns at once
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RuncException("create", id, "conmon did not detach within " + timeout.toMillis() + " ms");
            }
            if (p.exitValue() != 0) {
                throw new RuncException("create", id, "conmon failed (exit " + p.exitValue() + "): "
                        + explain(id, paths, logPosition));
            }
            long detached = System.nanoTime();
            awaitCreated(id, paths, logPosition, deadline);
            LOG.log(System.Logger.Level.DEBUG, () -> String.format("conmon %.12s: detached %.1f ms, created %.1f ms",
                    id, (detached - begin) / 1e6, (System.nanoTime() - detached) / 1e6));
        } catch (IOException e) {
            throw new RuncException("create", id, "cannot run " + conmon + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuncException("create", id, "interrupted while waiting for conmon");
        }
    }

    /** runc writes the pid file once the container is created; conmon exiting first means runc create failed. */
    private void awaitCreated(String id, ContainerPaths paths, long logPosition, long deadline)
            throws InterruptedException {
        // 1 ms steps while a create normally finishes (runc create takes ~30 ms here): a coarser step is paid
        // in full on every start; a slow create (a loaded machine) then backs off
        long fastUntil = System.nanoTime() + 200_000_000L;
        long pause = 1;
        while (!Files.exists(paths.pidFile())) {
            if (Files.exists(paths.conmonPidFile()) && !isAlive(paths) && !Files.exists(paths.pidFile())) {
                throw new RuncException("create", id, explain(id, paths, logPosition));
            }
            if (System.nanoTime() > deadline) {
                throw new RuncException("create", id, "not created in time: " + explain(id, paths, logPosition));
            }
            Thread.sleep(pause);
            if (System.nanoTime() > fastUntil) {
                pause = Math.min(pause * 2, 5);
            }
        }
    }

    private String explain(String id, ContainerPaths paths, long logPosition) {
        return runc.errorSince(id, logPosition).orElseGet(() -> {
            try {
                String out = Files.exists(paths.conmonOutput()) ? Files.readString(paths.conmonOutput()).strip()
                        : "";
                return out.isEmpty() ? "conmon exited without a message" : out;
            } catch (IOException e) {
                return "conmon exited; " + e.getMessage();
            }
        });
    }

    private List<String> command(String id, ContainerPaths paths, ProcessStdio stdio) {
        List<String> cmd = new ArrayList<>(List.of(conmon.toString(), "--api-version", "1", "-c", id, "-u", id,
                "-n", id, "-r", runc.binary().toString(), "-b", paths.dir().toString(),
                "-p", paths.pidFile().toString(), "-P", paths.conmonPidFile().toString(),
                "-l", "k8s-file:" + paths.containerLog(), "--persist-dir", paths.dir().toString(),
                "--exit-dir", exitDir.toString(), "--socket-dir-path", socketDir.toString(),
                "--log-level", "error",
                // conmon fsyncs the log before it writes the exit file: on a busy disk that delays every stop by
                // up to a second; Docker's json-file driver does not fsync either
                "--no-sync-log"));
        if (stdio.terminal()) {
            cmd.add("--terminal"); // conmon takes the pty master from runc's console socket and holds it
        }
        if (stdio.openStdin()) {
            cmd.add("--stdin");
            // conmon closes stdin when an attached client ends it: Docker does that only with StdinOnce, and a
            // TTY's input has no end to pass on (a detaching client must leave the shell usable)
            if (!stdio.stdinOnce() || stdio.terminal()) {
                cmd.add("--leave-stdin-open");
            }
        }
        if (logSizeMax > 0) {
            cmd.add("--log-size-max");
            cmd.add(Long.toString(logSizeMax));
        }
        for (String arg : runc.globalArgs(id)) {
            cmd.add("--runtime-arg");
            cmd.add(arg);
        }
        return cmd;
    }

    @Override
    public OptionalInt exitCode(ContainerPaths paths) {
        try {
            String text = Files.readString(paths.exitFile()).strip();
            return text.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty(); // not written yet (or being written): the caller polls again
        }
    }

    @Override
    public boolean sawOom(ContainerPaths paths) {
        return Files.exists(paths.oomFile());
    }

    @Override
    public boolean isAlive(ContainerPaths paths) {
        try {
            long pid = Long.parseLong(Files.readString(paths.conmonPidFile()).strip());
            // a recycled pid belongs to some other program: only a live conmon counts
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .flatMap(h -> h.info().command()).map(c -> c.endsWith("conmon")).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** The shared exit file and the attach-socket link conmon made for the container. */
    @Override
    public void forget(String id) {
        try {
            Files.deleteIfExists(exitDir.resolve(id));
            Files.deleteIfExists(socketDir.resolve(id));
        } catch (IOException e) {
            // stale entries are harmless: an id is never reused while its container exists
        }
    }

    @Override
    public LogFormat logFormat() {
        return LogFormat.K8S_FILE;
    }
}
