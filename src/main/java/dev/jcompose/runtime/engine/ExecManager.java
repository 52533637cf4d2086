package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.container.ExecSpec;
import dev.jcompose.runtime.container.LogLine;
import dev.jcompose.runtime.oci.UserSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * docker exec: an exec instance is created, then started once, detached or with its output streamed back while
 * it runs. The process runs through {@code runc exec} with stdout and stderr appended to two files (never a pipe),
 * which the stream tails. Healthcheck probes use the same path.
 */
public final class ExecManager {
    /** Health probe output kept, like Docker. */
    static final int MAX_PROBE_OUTPUT = 4096;
    private static final Duration EXEC_LIMIT = Duration.ofDays(365);

    /** One exec instance; the mutable fields are its run state. */
    public static final class Exec {
        public final String id;
        public final String containerId;
        public final List<String> cmd;
        public final JsonNode request;
        volatile boolean running;
        volatile boolean started;
        volatile Integer exitCode;
        volatile int pid;
        /** The TTY size a client asked for (0 = none yet), applied when conmon's session starts. */
        volatile int rows;
        volatile int columns;
        private dev.jcompose.runtime.container.ConmonExec session;
        private final java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);

        Exec(String id, String containerId, List<String> cmd, JsonNode request) {
            this.id = id;
            this.containerId = containerId;
            this.cmd = cmd;
            this.request = request;
            // API 1.42+ clients send the terminal's size with the create: [rows, columns]
            JsonNode size = request.path("ConsoleSize");
            if (size.isArray() && size.size() == 2 && size.get(0).asInt() > 0 && size.get(1).asInt() > 0) {
                rows = size.get(0).asInt();
                columns = size.get(1).asInt();
            }
        }

        public boolean running() {
            return running;
        }

        public Integer exitCode() {
            return exitCode;
        }

        public int pid() {
            dev.jcompose.runtime.container.ConmonExec s;
            synchronized (this) {
                s = session;
            }
            return pid == 0 && s != null ? s.pid() : pid;
        }

        String shortId() {
            return id.substring(0, 12);
        }

        /** Remembers the size; resizes the running session's TTY, if there is one. */
        void resize(int newRows, int newColumns) {
            dev.jcompose.runtime.container.ConmonExec s;
            synchronized (this) {
                rows = newRows;
                columns = newColumns;
                s = session;
                notifyAll();
            }
            if (s != null && running) {
                try {
                    s.resize(newRows, newColumns);
                } catch (IOException e) {
                    // the process just ended: nothing to resize
                }
            }
        }

        /**
         * Waits up to {@code limit} for a client's first size. An older docker CLI (API < 1.42) sends it only
         * after the start request, racing the process: a shell that asks its size at once would see 0x0 (the
         * well-known "wrong size at the first prompt" of docker exec -it). A few ms of waiting closes that race.
         */
        synchronized void awaitSize(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (rows <= 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        void attachSession(dev.jcompose.runtime.container.ConmonExec s) {
            int r;
            int c;
            synchronized (this) {
                session = s;
                r = rows;
                c = columns;
            }
            resize(r, c); // a resize that came while conmon was starting
        }

        void finished(int code) {
            exitCode = code;
            running = false;
            pid = pid();
        }

        void ended() {
            synchronized (this) {
                session = null;
            }
            end.countDown();
        }

        void awaitEnd() throws InterruptedException {
            end.await();
        }

        public boolean tty() {
            return DockerJson.bool(request, "Tty");
        }
    }

    /** How long an interactive TTY exec waits for the client's size before its process starts without one. */
    private static final Duration FIRST_RESIZE_WAIT = Duration.ofMillis(300);

    private final EngineContext ctx;
    private final Map<String, Exec> execs = new ConcurrentHashMap<>();

    ExecManager(EngineContext ctx) {
        this.ctx = ctx;
    }

    /** POST /containers/{id}/exec. */
    public String create(String containerRef, JsonNode body) {
        ContainerRecord r = running(containerRef);
        List<String> cmd = DockerJson.stringsOrEmpty(body, "Cmd");
        if (cmd.isEmpty()) {
            throw RuntimeError.badRequest("No exec command specified");
        }
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        execs.put(id, new Exec(id, r.id(), List.copyOf(cmd), body.deepCopy()));
        ctx.containerEvent(r, "exec_create: " + String.join(" ", cmd), Map.of("execID", id));
        return id;
    }

    private ContainerRecord running(String ref) {
        ContainerRecord r = ctx.store.get(ref);
        if (!r.state().hasProcess()) {
            throw RuntimeError.conflict("Container " + r.id() + " is not running");
        }
        if (r.state().paused()) {
            throw RuntimeError.conflict("Container " + r.id() + " is paused, unpause the container before exec");
        }
        return r;
    }

    public Exec get(String id) {
        Exec e = execs.get(id);
        if (e == null) {
            throw RuntimeError.notFound("No such exec instance: " + id);
        }
        return e;
    }

    public List<String> idsOf(String containerId) {
        return execs.values().stream().filter(e -> e.containerId.equals(containerId)).map(e -> e.id).toList();
    }

    void forgetContainer(String containerId) {
        execs.values().removeIf(e -> e.containerId.equals(containerId));
    }

    /**
     * POST /exec/{id}/start. Detached: returns once the process runs. Otherwise streams its output to {@code sink}
     * (when attached) until it ends.
     */
    public void start(String id, boolean detach, LogReader.Sink sink) throws IOException {
        start(id, detach, null, sink);
    }

    /**
     * POST /exec/{id}/start with the client's stdin ({@code stdin}, null when none): forwarded to the process
     * when the exec was created with AttachStdin. With a TTY, conmon runs the process and owns its pty.
     */
    public void start(String id, boolean detach, java.io.InputStream stdin, LogReader.Sink sink) throws IOException {
        Exec e = get(id);
        synchronized (e) {
            if (e.started) {
                throw RuntimeError.conflict("Exec command " + id + " has already run");
            }
            e.started = true;
        }
        ContainerRecord r = running(e.containerId);
        ExecSpec spec = spec(r, e.request, e.cmd, e.tty());
        java.io.InputStream input = !detach && DockerJson.bool(e.request, "AttachStdin") ? stdin : null;
        if (e.tty()) {
            startWithTty(r, e, spec, input, detach ? null : sink);
            if (!detach) {
                try {
                    e.awaitEnd();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return;
        }
        Path dir = ctx.options.execDir().resolve(id);
        Files.createDirectories(dir);
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Files.write(out, new byte[0]);
        Files.write(err, new byte[0]);
        e.running = true;
        ctx.containerEvent(r, "exec_start: " + String.join(" ", e.cmd), Map.of("execID", id));
        Thread runner = Thread.ofVirtual().name("exec-" + id.substring(0, 12)).start(() -> {
            int code;
            try {
                code = ctx.runtime.exec(e.containerId, spec, input, out, err, EXEC_LIMIT);
            } catch (RuntimeException ex) {
                appendQuietly(err, ex.getMessage());
                code = 126;
            }
            e.exitCode = code;
            e.running = false;
            ctx.store.byId(e.containerId).ifPresent(c -> ctx.containerEvent(c, "exec_die",
                    Map.of("execID", id, "exitCode", Integer.toString(e.exitCode))));
            if (detach) {
                VolumeStore.deleteTree(dir);
            }
        });
        if (detach) {
            return;
        }
        try {
            boolean wantOut = DockerJson.present(e.request, "AttachStdout") ? DockerJson.bool(e.request,
                    "AttachStdout") : true;
            boolean wantErr = DockerJson.present(e.request, "AttachStderr") ? DockerJson.bool(e.request,
                    "AttachStderr") : true;
            long[] offsets = {0, 0};
            long pause = 1;
            while (true) {
                boolean over = !runner.isAlive();
                boolean any = drain(out, offsets, 0, wantOut ? LogLine.Stream.STDOUT : null, sink);
                any |= drain(err, offsets, 1, wantErr ? LogLine.Stream.STDERR : null, sink);
                if (over) {
                    break;
                }
                pause = any ? 1 : Math.min(pause * 2, 20);
                Thread.sleep(pause);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                runner.join(Duration.ofSeconds(5));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            VolumeStore.deleteTree(dir);
        }
    }

    private void startWithTty(ContainerRecord r, Exec e, ExecSpec spec, java.io.InputStream input,
            LogReader.Sink sink) {
        if (input != null && sink != null) {
            try {
                e.awaitSize(FIRST_RESIZE_WAIT); // interactive: the client sends its terminal's size right away
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        e.running = true;
        try {
            new AttachedExec(ctx, e).start(spec, input, sink);
        } catch (RuntimeException ex) {
            e.finished(AttachedExec.CANNOT_START);
            e.ended();
            throw RuntimeError.internal("OCI runtime exec failed: " + ex.getMessage(), ex);
        }
        ctx.containerEvent(r, "exec_start: " + String.join(" ", e.cmd), Map.of("execID", e.id));
        Thread.ofVirtual().start(() -> {
            try {
                e.awaitEnd();
            } catch (InterruptedException ex) {
                return;
            }
            ctx.store.byId(e.containerId).ifPresent(c -> ctx.containerEvent(c, "exec_die",
                    Map.of("execID", e.id, "exitCode", Integer.toString(e.exitCode))));
        });
    }

    /** POST /exec/{id}/resize. */
    public void resize(String id, int rows, int columns) {
        get(id).resize(rows, columns);
    }

    /** Sends what was appended to {@code file} since the last call; true when there was something. */
    private static boolean drain(Path file, long[] offsets, int slot, LogLine.Stream stream, LogReader.Sink sink)
            throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length <= offsets[slot]) {
                return false;
            }
            byte[] data = new byte[(int) (length - offsets[slot])];
            raf.seek(offsets[slot]);
            raf.readFully(data);
            offsets[slot] = length;
            if (stream != null) {
                sink.frame(stream, Instant.now(), data);
            }
            return true;
        }
    }

    /** The exec as the container's process would run it: its env plus the exec's, its user unless one is given. */
    private ExecSpec spec(ContainerRecord r, JsonNode request, List<String> cmd, boolean tty) {
        String user = DockerJson.text(request, "User", "");
        UserSpec u = user.isEmpty() ? null : UserResolver.forRootfs(ctx.rootfs.dir(r.id())).resolve(user, List.of());
        String cwd = DockerJson.text(request, "WorkingDir", "");
        List<String> env = new ArrayList<>(DockerJson.stringsOrEmpty(request, "Env").stream()
                .filter(v -> v.indexOf('=') > 0).toList());
        if (tty && env.stream().noneMatch(v -> v.startsWith("TERM="))) {
            env.add("TERM=xterm"); // as dockerd does for an exec with a TTY
        }
        try {
            return new ExecSpec(cmd, env, cwd.isEmpty() ? null : cwd, u);
        } catch (IllegalArgumentException ex) {
            throw RuntimeError.badRequest(ex.getMessage());
        }
    }

    /** One healthcheck probe: exit code and the first 4 KiB of stdout+stderr; -1 when it timed out or failed. */
    HealthRecord.Probe probe(String containerId, List<String> command, Duration timeout) {
        Instant start = ctx.clock.instant();
        Path dir = ctx.options.execDir().resolve("probe-" + containerId.substring(0, 12) + "-" + System.nanoTime());
        int code;
        String output;
        try {
            Files.createDirectories(dir);
            Path out = dir.resolve("output");
            try {
                code = ctx.runtime.exec(containerId, new ExecSpec(command, List.of(), null, null), out, out, timeout);
                output = Files.exists(out) ? Files.readString(out) : "";
            } catch (RuntimeException e) {
                boolean timedOut = e.getMessage() != null && e.getMessage().contains("did not finish");
                code = -1;
                output = timedOut ? "Health check exceeded timeout (" + goDuration(timeout) + ")" : e.getMessage();
            }
        } catch (IOException e) {
            code = -1;
            output = e.getMessage();
        } finally {
            VolumeStore.deleteTree(dir);
        }
        if (output != null && output.length() > MAX_PROBE_OUTPUT) {
            output = output.substring(0, MAX_PROBE_OUTPUT);
        }
        return new HealthRecord.Probe(start.toString(), ctx.clock.instant().toString(), code,
                output == null ? "" : output);
    }

    static String goDuration(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }

    private static void appendQuietly(Path file, String text) {
        try {
            Files.writeString(file, (text == null ? "exec failed" : text) + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the exit code still says it failed
        }
    }

    /** Docker's exec inspect ProcessConfig. */
    public static Map<String, Object> processConfig(Exec e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tty", e.tty());
        p.put("entrypoint", e.cmd.get(0));
        p.put("arguments", e.cmd.subList(1, e.cmd.size()));
        p.put("privileged", DockerJson.bool(e.request, "Privileged"));
        p.put("user", DockerJson.text(e.request, "User", ""));
        return p;
    }
}
