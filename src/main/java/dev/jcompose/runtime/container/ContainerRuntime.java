package dev.jcompose.runtime.container;

import dev.jcompose.runtime.oci.ContainerConfig;
import dev.jcompose.runtime.oci.OciSpecGenerator;
import dev.jcompose.runtime.runc.Runc;
import dev.jcompose.runtime.runc.RuncException;
import dev.jcompose.runtime.runc.RuncState;
import dev.jcompose.runtime.runc.Signals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Container lifecycle on runc: the caller brings an id, a mounted rootfs (inside the ContainerConfig) and a log
 * dir; the runtime keeps the bundle under {@code stateDir/<id>}. Knows nothing of compose or of images.
 */
public final class ContainerRuntime {
    /** How long a SIGKILLed container may take to be reaped before stop gives up. */
    static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(ContainerRuntime.class.getName());

    private final Runc runc;
    private final OciSpecGenerator generator;
    private final Path stateDir;
    private final ContainerMonitor monitor;
    private final Cgroups cgroups;
    private final AtomicLong execCounter = new AtomicLong();
    // runc creates the cgroup parent of a new container while delete may rmdir an empty parent: never both
    private final ReadWriteLock cgroupParentLock = new ReentrantReadWriteLock();

    public ContainerRuntime(Runc runc, OciSpecGenerator generator, Path stateDir, ContainerMonitor monitor,
            Cgroups cgroups) {
        this.runc = runc;
        this.generator = generator;
        this.stateDir = stateDir.toAbsolutePath();
        this.monitor = monitor;
        this.cgroups = cgroups;
        try {
            Files.createDirectories(this.stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + stateDir, e);
        }
    }

    public ContainerMonitor monitor() {
        return monitor;
    }

    /** Writes the bundle and runs runc create (through the monitor); PID 1 waits for {@link #start}. */
    public ContainerPaths create(String id, ContainerConfig config, Path logDir) {
        long begin = System.nanoTime();
        String json = generator.generateJson(id, config); // validates the id before it names a directory
        ContainerPaths paths = new ContainerPaths(stateDir.resolve(id), logDir.toAbsolutePath());
        if (Files.exists(paths.dir()) || runc.hasState(id)) {
            throw new RuncException("create", id, "a container with this id already exists");
        }
        try {
            Files.createDirectories(paths.dir());
            Files.createDirectories(paths.logDir());
            writeAtomically(paths.configJson(), json);
            new ContainerMeta(id, paths.logDir().toString(), monitor.name(), generator.cgroupsPath(id),
                    Instant.now()).write(paths.meta());
        } catch (IOException e) {
            deleteTree(paths.dir());
            throw new RuncException("create", id, "cannot write the bundle: " + e.getMessage());
        }
        long bundled = System.nanoTime();
        RuntimeException failure = null;
        cgroupParentLock.readLock().lock();
        try {
            monitor.create(id, paths, config.stdio(), CREATE_TIMEOUT);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            cgroupParentLock.readLock().unlock();
        }
        if (failure != null) {
            deleteAfterFailure(id, failure);
            throw failure;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> String.format("create %.12s: bundle %.1f ms, %s %.1f ms", id,
                (bundled - begin) / 1e6, monitor.name(), (System.nanoTime() - bundled) / 1e6));
        return paths;
    }

    /**
     * runc start (in-process when possible, see {@code ExecFifo}), then a wait (under a ms) until PID 1 has left
     * runc's init and exec'd: until then its signal handlers are runc's, and a stop decided on them would be wrong.
     */
    public void start(String id) {
        long begin = System.nanoTime();
        Optional<ProcessHandle> pid1 = pid1(paths(id));
        runc.start(id, () -> pid1.map(ContainerRuntime::isAliveNotZombie).orElse(false));
        long released = System.nanoTime();
        long deadline = released + Duration.ofSeconds(2).toNanos();
        while (pid1.isPresent() && SignalAwareness.stillRuncInit(pid1.get().pid()) && System.nanoTime() < deadline) {
            sleep(1);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> String.format("start %.12s: released %.1f ms, exec %.1f ms", id,
                (released - begin) / 1e6, (System.nanoTime() - released) / 1e6));
    }

    /** create + start. */
    public ContainerPaths run(String id, ContainerConfig config, Path logDir) {
        ContainerPaths paths = create(id, config, logDir);
        try {
            start(id);
        } catch (RuntimeException e) {
            deleteAfterFailure(id, e);
            throw e;
        }
        return paths;
    }

    private void deleteAfterFailure(String id, RuntimeException failure) {
        try {
            delete(id);
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /** The paths of a container this runtime created (also after a daemon restart). */
    public ContainerPaths paths(String id) {
        Path dir = stateDir.resolve(id);
        try {
            return new ContainerPaths(dir, Path.of(ContainerMeta.read(dir.resolve("container.json")).logDir()));
        } catch (IOException e) {
            throw new RuncException("inspect", id, "no such container in " + stateDir);
        }
    }

    public ContainerStatus status(String id) {
        return status(id, runc.state(id));
    }

    private ContainerStatus status(String id, Optional<RuncState> runcState) {
        ContainerPaths paths = paths(id);
        if (runcState.isEmpty()) {
            return new ContainerStatus(id, ContainerStatus.State.GONE, 0, paths.logDir(),
                    Optional.of(exitStatus(id, paths).orElse(new ExitStatus(ExitStatus.UNKNOWN_CODE, false))));
        }
        RuncState s = runcState.get();
        return switch (s.status()) {
            case CREATED, CREATING -> new ContainerStatus(id, ContainerStatus.State.CREATED, s.pid(),
                    paths.logDir(), Optional.empty());
            case RUNNING -> new ContainerStatus(id, ContainerStatus.State.RUNNING, s.pid(), paths.logDir(),
                    Optional.empty());
            case PAUSED, PAUSING -> new ContainerStatus(id, ContainerStatus.State.PAUSED, s.pid(), paths.logDir(),
                    Optional.empty());
            case STOPPED, UNKNOWN -> new ContainerStatus(id, ContainerStatus.State.STOPPED, 0, paths.logDir(),
                    Optional.of(awaitExitRecord(id, paths, Duration.ofSeconds(1))));
        };
    }

    /**
     * Stops like {@code docker stop}: {@code signal}, up to {@code grace}, then SIGKILL. Signal-aware: when PID 1
     * has no handler for the signal (it would be dropped in its PID namespace) SIGKILL goes at once.
     */
    public ExitStatus stop(String id, int signal, Duration grace) {
        ContainerStatus s = status(id);
        if (s.exit().isPresent()) {
            return s.exit().get();
        }
        if (s.state() == ContainerStatus.State.PAUSED) {
            runc.resume(id); // frozen tasks neither handle signals nor die
        }
        if (s.state() == ContainerStatus.State.RUNNING || s.state() == ContainerStatus.State.PAUSED) {
            if (SignalAwareness.worthSending(s.pid(), signal)) {
                sendIfRunning(id, signal, false);
                Optional<ExitStatus> exited = waitExit(id, grace);
                if (exited.isPresent()) {
                    return exited.get();
                }
            }
        }
        sendIfRunning(id, Signals.SIGKILL, true);
        return waitExit(id, KILL_WAIT).orElseThrow(() -> new RuncException("stop", id,
                "still running " + KILL_WAIT.toSeconds() + " s after SIGKILL"));
    }

    /** Sends a signal to PID 1 ({@code docker kill -s}). */
    public void kill(String id, int signal) {
        runc.kill(id, signal, false);
    }

    private void sendIfRunning(String id, int signal, boolean all) {
        try {
            runc.kill(id, signal, all);
        } catch (RuncException e) {
            // It exited meanwhile: nothing to signal. runc may still report "running" for a PID 1 that is a
            // zombie not yet reaped (its namespaces are gone, so runc's kill fails): the process decides.
            boolean pid1Alive = pid1(paths(id)).map(ContainerRuntime::isAliveNotZombie).orElse(false);
            if (pid1Alive && runc.state(id).map(RuncState::isAlive).orElse(false)) {
                throw e;
            }
        }
    }

    /** Waits until PID 1 has exited and its status is known; empty on timeout. */
    public Optional<ExitStatus> waitExit(String id, Duration timeout) {
        ContainerPaths paths = paths(id);
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<ProcessHandle> pid1 = pid1(paths);
        long pause = 1;
        while (true) {
            Optional<ExitStatus> recorded = exitStatus(id, paths);
            if (recorded.isPresent()) {
                return recorded;
            }
            if (pid1.isEmpty() || !isAliveNotZombie(pid1.get())) {
                // dead: give the monitor a moment to write the code, then report what is known
                return Optional.of(awaitExitRecord(id, paths, Duration.ofSeconds(1)));
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            sleep(pause);
            pause = Math.min(pause * 2, 10);
        }
    }

    /**
     * Without conmon a dead PID 1 is reaped by the host's init, which may take a while (a second here): a zombie
     * has exited all the same.
     */
    static boolean isAliveNotZombie(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).strip(); // the name may hold spaces
            return !afterName.startsWith("Z") && !afterName.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private Optional<ProcessHandle> pid1(ContainerPaths paths) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(paths.pidFile()).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private ExitStatus awaitExitRecord(String id, ContainerPaths paths, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (monitor.isAlive(paths) && System.nanoTime() < deadline) {
            Optional<ExitStatus> e = exitStatus(id, paths);
            if (e.isPresent()) {
                return e.get();
            }
            sleep(2);
        }
        return exitStatus(id, paths).orElse(new ExitStatus(ExitStatus.UNKNOWN_CODE, oomKilled(id, paths)));
    }

    private Optional<ExitStatus> exitStatus(String id, ContainerPaths paths) {
        OptionalInt code = monitor.exitCode(paths);
        return code.isPresent() ? Optional.of(new ExitStatus(code.getAsInt(), oomKilled(id, paths)))
                : Optional.empty();
    }

    private boolean oomKilled(String id, ContainerPaths paths) {
        return monitor.sawOom(paths) || cgroups.oomKills(generator.cgroupsPath(id)) > 0;
    }

    public void pause(String id) {
        runc.pause(id);
    }

    public void unpause(String id) {
        runc.resume(id);
    }

    /** Runs a process in the running container and returns its exit code; its output is appended to the files. */
    public int exec(String id, ExecSpec spec, Path stdout, Path stderr, Duration timeout) {
        return exec(id, spec, null, stdout, stderr, timeout);
    }

    /** {@link #exec}, with {@code stdin} (when not null) copied to the process's stdin until it ends. */
    public int exec(String id, ExecSpec spec, java.io.InputStream stdin, Path stdout, Path stderr, Duration timeout) {
        ContainerPaths paths = paths(id);
        Path process = paths.execDir().resolve("exec-" + execCounter.incrementAndGet() + ".json");
        try {
            Files.createDirectories(paths.execDir());
            writeAtomically(process, ExecProcess.json(paths.configJson(), spec));
            return runc.exec(id, process, stdin, stdout, stderr, timeout);
        } catch (IOException e) {
            throw new RuncException("exec", id, "cannot write the process spec: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(process);
            } catch (IOException e) {
                // removed with the bundle at the latest
            }
        }
    }

    /**
     * Starts a process whose stdio conmon owns: a TTY ({@code terminal}) and/or stdin, over conmon's attach socket.
     * Needs conmon. The session's files live in {@code <bundle>/exec/<sessionId>}; {@link #endAttachedExec}
     * removes them.
     */
    public ConmonExec execAttached(String id, String sessionId, ExecSpec spec, boolean terminal, boolean stdin,
            int rows, int columns) {
        if (!(monitor instanceof ConmonMonitor conmon)) {
            throw new RuncException("exec", id, "an interactive exec (TTY or stdin) needs conmon, which is not "
                    + "installed");
        }
        ContainerPaths paths = paths(id);
        Path dir = paths.execDir().resolve(sessionId);
        try {
            Files.createDirectories(dir);
            Path process = dir.resolve("process.json");
            writeAtomically(process, ExecProcess.json(paths.configJson(), spec, terminal));
            return conmon.exec(new ConmonExec.Request(conmon.binary(), runc, id, sessionId, dir, process,
                    conmon.socketDir(), terminal, stdin, rows, columns));
        } catch (IOException | RuntimeException e) {
            endAttachedExec(id, sessionId);
            if (e instanceof RuncException r) {
                throw r;
            }
            throw new RuncException("exec", id, "cannot write the process spec: " + e.getMessage());
        }
    }

    /** Removes an attached exec's session dir. */
    public void endAttachedExec(String id, String sessionId) {
        Path dir = stateDir.resolve(id).resolve("exec").resolve(sessionId);
        try {
            deleteTree(dir);
        } catch (UncheckedIOException e) {
            // removed with the bundle at the latest
        }
    }

    /** Resizes the TTY of a container created with one (conmon holds its pty master). */
    public void resize(String id, int rows, int columns) throws IOException {
        ConmonControl.resize(paths(id).dir(), rows, columns);
    }

    /** conmon's attach socket of a container created with stdin open or a TTY; empty without conmon. */
    public Optional<Path> attachSocket(String id) {
        if (!(monitor instanceof ConmonMonitor)) {
            return Optional.empty();
        }
        Path socket = paths(id).dir().resolve("attach");
        return Files.exists(socket) ? Optional.of(socket) : Optional.empty();
    }

    /**
     * Removes everything the runtime made for the container: runc state (killing it if still running), the
     * cgroup leaf and the parent if now empty, runc's log, the bundle. The log dir stays (it is the caller's).
     */
    public void delete(String id) {
        Path dir = stateDir.resolve(id);
        try {
            if (runc.hasState(id)) { // a removal after the exit cleanup would otherwise run runc just to hear "not found"
                runc.delete(id, true);
            }
        } catch (RuncException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        if (Files.exists(dir.resolve("container.json"))) {
            ContainerPaths paths = paths(id);
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (monitor.isAlive(paths) && System.nanoTime() < deadline) {
                sleep(2); // let conmon write the exit file and close the log before the dir goes
            }
        }
        cgroupParentLock.writeLock().lock();
        try {
            cgroups.remove(generator.cgroupsPath(id));
        } finally {
            cgroupParentLock.writeLock().unlock();
        }
        runc.forget(id);
        monitor.forget(id);
        deleteTree(dir);
    }

    /**
     * After a daemon restart: every container this runtime created, with what runc says now. Running ones keep
     * running (conmon still holds them); stopped ones report the exit code their monitor recorded.
     */
    public List<ContainerStatus> recover() {
        Map<String, RuncState> known = runc.list().stream()
                .collect(Collectors.toMap(RuncState::id, Function.identity(), (a, b) -> a));
        List<ContainerStatus> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(stateDir)) {
            for (Path dir : dirs.filter(d -> Files.exists(d.resolve("container.json"))).sorted().toList()) {
                String id = dir.getFileName().toString();
                out.add(status(id, Optional.ofNullable(known.get(id))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + stateDir, e);
        }
        return out;
    }

    /** Every container runc knows in its root, with or without a bundle of ours (crash cleanup). */
    public List<String> runcIds() {
        return runc.list().stream().map(RuncState::id).toList();
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuncException("wait", null, "interrupted");
        }
    }
}
