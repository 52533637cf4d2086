package dev.jcompose.runtime.runc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The runc binary, one method per command. State lives under {@code root} (runc --root); each container has a
 * JSON log {@code <logDir>/<id>.json} that runc's errors are read from. Every call has a deadline.
 */
public final class Runc {
    public static final Path DEFAULT_BINARY = Path.of("/usr/sbin/runc");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path binary;
    private final Path root;
    private final Path logDir;
    private final Duration timeout;

    public Runc(Path binary, Path root, Path logDir, Duration timeout) {
        this.binary = binary;
        this.root = root.toAbsolutePath();
        this.logDir = logDir.toAbsolutePath();
        this.timeout = timeout;
        try {
            Files.createDirectories(this.root);
            Files.createDirectories(this.logDir);
        } catch (IOException e) {
            throw new RuncException("init", null, "cannot create " + root + " or " + logDir + ": " + e.getMessage());
        }
    }

    public Path binary() {
        return binary;
    }

    public Path root() {
        return root;
    }

    /** runc's JSON log for one container. */
    public Path logFile(String id) {
        return logDir.resolve(id + ".json");
    }

    /** The global flags of every per-container call, also handed to conmon as --runtime-arg. */
    public List<String> globalArgs(String id) {
        return List.of("--root", root.toString(), "--log", logFile(id).toString(), "--log-format", "json");
    }

    public RuncVersion version() {
        ProcessCall.Result r = capture("--version", null, List.of("--version"));
        return RuncVersion.parse(r.stdout());
    }

    /** Reads the version and tells {@code warnings} when it is older than {@link RuncVersion#MINIMUM}. */
    public RuncVersion checkVersion(Consumer<String> warnings) {
        RuncVersion v = version();
        if (v.isOlderThan(RuncVersion.MINIMUM)) {
            warnings.accept("runc " + v.text() + " at " + binary + " is older than " + RuncVersion.MINIMUM.text()
                    + ": containers may fail or behave differently");
        }
        return v;
    }

    /**
     * {@code runc create}: the container's init waits for {@link #start}. Its stdio is appended to the two files
     * (with terminal=false runc hands its own stdio to the container).
     */
    public void create(String id, Path bundle, Path pidFile, Path stdout, Path stderr) {
        toFiles("create", id, List.of("create", "--bundle", bundle.toString(), "--pid-file", pidFile.toString(), id),
                stdout, stderr, timeout);
    }

    public void start(String id) {
        toFiles("start", id, List.of("start", id), null, null, timeout);
    }

    /**
     * {@code runc start} done in-process when the container is in the ordinary created state (see
     * {@link ExecFifo}); otherwise the runc command, for its checks and messages. {@code initAlive} tells
     * whether the container's init process still exists.
     */
    public void start(String id, java.util.function.BooleanSupplier initAlive) {
        if (ExecFifo.release(root.resolve(id), initAlive) != ExecFifo.Outcome.STARTED) {
            start(id);
        }
    }

    /** Empty when runc does not know the container. */
    public Optional<RuncState> state(String id) {
        try {
            ProcessCall.Result r = capture("state", id, List.of("state", id));
            return Optional.of(RuncState.fromJson(JSON.readTree(r.stdout())));
        } catch (RuncException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new RuncException("state", id, "unreadable output: " + e.getMessage());
        }
    }

    /**
     * Whether runc keeps state for the container: its directory under --root, which is what {@code runc state}
     * reads. A file test instead of a runc process (~10 ms) on the create path.
     */
    public boolean hasState(String id) {
        return Files.exists(root.resolve(id));
    }

    public List<RuncState> list() {
        ProcessCall.Result r = capture("list", null, List.of("list", "--format", "json"));
        List<RuncState> out = new ArrayList<>();
        try {
            JsonNode array = JSON.readTree(r.stdout());
            array.forEach(n -> out.add(RuncState.fromJson(n))); // runc prints "null" when there are none
        } catch (IOException e) {
            throw new RuncException("list", null, "unreadable output: " + e.getMessage());
        }
        return out;
    }

    /** Sends {@code signal} to PID 1, or with {@code all} to every process of the container. */
    public void kill(String id, int signal, boolean all) {
        List<String> args = new ArrayList<>(List.of("kill"));
        if (all) {
            args.add("--all");
        }
        args.add(id);
        args.add(Integer.toString(signal));
        toFiles("kill", id, args, null, null, timeout);
    }

    public void delete(String id, boolean force) {
        toFiles("delete", id, force ? List.of("delete", "--force", id) : List.of("delete", id), null, null, timeout);
    }

    public void pause(String id) {
        toFiles("pause", id, List.of("pause", id), null, null, timeout);
    }

    public void resume(String id) {
        toFiles("resume", id, List.of("resume", id), null, null, timeout);
    }

    /**
     * Runs the process described by {@code processJson} (an OCI process object) in the container and waits for
     * it; returns its exit code. Its stdio is appended to the files.
     */
    public int exec(String id, Path processJson, Path stdout, Path stderr, Duration execTimeout) {
        return exec(id, processJson, null, stdout, stderr, execTimeout);
    }

    /** {@link #exec} with {@code stdin} (when not null) fed to the process through runc until it ends. */
    public int exec(String id, Path processJson, java.io.InputStream stdin, Path stdout, Path stderr,
            Duration execTimeout) {
        return toFiles("exec", id, List.of("exec", "--process", processJson.toString(), id), stdin, stdout, stderr,
                execTimeout);
    }

    /** Host PIDs of the container's processes. */
    public List<Integer> ps(String id) {
        ProcessCall.Result r = capture("ps", id, List.of("ps", "--format", "json", id));
        List<Integer> pids = new ArrayList<>();
        try {
            JSON.readTree(r.stdout()).forEach(n -> pids.add(n.asInt()));
        } catch (IOException e) {
            throw new RuncException("ps", id, "unreadable output: " + e.getMessage());
        }
        return pids;
    }

    /** Current end of the container's runc log: pass it to {@link #errorSince} after a call made elsewhere. */
    public long logPosition(String id) {
        return RuncLog.size(logFile(id));
    }

    /**
     * The last error runc logged for the container after {@code position}, e.g. when conmon ran runc create.
     */
    public Optional<String> errorSince(String id, long position) {
        return Optional.ofNullable(RuncLog.lastErrorSince(logFile(id), position));
    }

    /** Removes the container's runc log (after delete). */
    public void forget(String id) {
        try {
            Files.deleteIfExists(logFile(id));
        } catch (IOException e) {
            // a leftover log is harmless; the next container with this id appends to it
        }
    }

    private ProcessCall.Result capture(String command, String id, List<String> args) {
        List<String> cmd = command(id, args);
        long offset = id == null ? 0 : RuncLog.size(logFile(id));
        try {
            ProcessCall.Result r = ProcessCall.capture(cmd, timeout);
            if (r.exitCode() != 0) {
                throw failure(command, id, offset, r);
            }
            return r;
        } catch (IOException e) {
            throw new RuncException(command, id, "cannot run " + binary + ": " + e.getMessage());
        } catch (ProcessCall.TimeoutException e) {
            throw new RuncException(command, id, e.getMessage());
        }
    }

    /** Runs a command whose output goes to files; returns its exit code (only exec may return non-zero). */
    private int toFiles(String command, String id, List<String> args, Path stdout, Path stderr, Duration limit) {
        return toFiles(command, id, args, null, stdout, stderr, limit);
    }

    private int toFiles(String command, String id, List<String> args, java.io.InputStream stdin, Path stdout,
            Path stderr, Duration limit) {
        long offset = RuncLog.size(logFile(id));
        try {
            ProcessCall.Result r = ProcessCall.toFiles(command(id, args), stdin, stdout, stderr, limit);
            String error = RuncLog.lastErrorSince(logFile(id), offset);
            // exec returns the process's own exit code: only a logged error means runc itself failed. Any other
            // command exits non-zero on failure, and its exit code decides: an error logged meanwhile by another
            // call on the same container (a health check's exec failing while a stop kills) is not its own.
            boolean failed = command.equals("exec") ? error != null : r.exitCode() != 0;
            if (failed) {
                throw new RuncException(command, id, error != null ? error : "exit status " + r.exitCode());
            }
            return r.exitCode();
        } catch (IOException e) {
            throw new RuncException(command, id, "cannot run " + binary + ": " + e.getMessage());
        } catch (ProcessCall.TimeoutException e) {
            throw new RuncException(command, id, e.getMessage());
        }
    }

    private List<String> command(String id, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        if (!args.equals(List.of("--version"))) {
            cmd.addAll(id == null ? List.of("--root", root.toString()) : globalArgs(id));
        }
        cmd.addAll(args);
        return cmd;
    }

    private RuncException failure(String command, String id, long offset, ProcessCall.Result r) {
        String error = id == null ? null : RuncLog.lastErrorSince(logFile(id), offset);
        if (error == null) {
            error = lastLine(r.stderr());
        }
        return new RuncException(command, id, error.isEmpty() ? "exit status " + r.exitCode() : error);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        // runc without --log prints logrus text: time="..." level=error msg="container does not exist"
        int msg = last.indexOf("msg=\"");
        if (msg < 0) {
            return last;
        }
        int end = last.lastIndexOf('"');
        return end > msg + 5 ? last.substring(msg + 5, end) : last.substring(msg + 5);
    }
}
