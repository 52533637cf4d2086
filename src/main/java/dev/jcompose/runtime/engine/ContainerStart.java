package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.oci.ContainerConfig;
import dev.jcompose.runtime.oci.NamespaceMode;
import dev.jcompose.runtime.oci.UserSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One start of a container (its lock held by the caller): namespace, rootfs mount, OCI config, /etc files,
 * runc create (through the monitor), network endpoints, runc start, the running record. Any failure undoes
 * what was done and records the failed start.
 *
 * <p>When networking hands out a namespace of its own by path (the normal bridge case), the endpoints are wired
 * on another thread while this one mounts the rootfs and builds the OCI config: the two are independent, each
 * is a few host processes, and the /etc files are then written once with the final address instead of being
 * rewritten after runc create. Other namespaces (runc's own, the host's) are attached after runc create, as
 * the namespace only exists then.
 */
final class ContainerStart {
    private static final ExecutorService BACKGROUND = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("start-network-", 0).factory());
    private final EngineContext ctx;
    private final Consumer<String> exitCheck;

    /** {@code exitCheck}: handles an exit that may have happened before the record said running. */
    ContainerStart(EngineContext ctx, Consumer<String> exitCheck) {
        this.ctx = ctx;
        this.exitCheck = exitCheck;
    }

    void run(ContainerRecord r, PhaseTimer timer) {
        String id = r.id();
        NetworkRequest request = EngineContext.networkRequest(r);
        boolean created = false;
        CompletableFuture<NetworkSetup> early = null;
        try {
            Path containerDir = ctx.store.dirOf(id);
            NamespaceMode netns = request.isContainerMode() ? joinNetwork(request) : ctx.network.namespace(id, request);
            timer.mark("netns");
            if (!request.isContainerMode() && netns instanceof NamespaceMode.Join j) {
                early = CompletableFuture.supplyAsync(() -> ctx.network.attach(id, j.path(), request), BACKGROUND);
            }
            ctx.rootfs.mount(id);
            timer.mark("mount");
            r.mounts().forEach(MountPlanner::ensureBindSource);
            ctx.rootfs.ensureDirectory(id, DockerJson.text(r.config(), "WorkingDir", ""));
            Path rootfs = ctx.rootfs.dir(id);
            UserSpec user = UserResolver.forRootfs(rootfs).resolve(DockerJson.text(r.config(), "User", ""),
                    DockerJson.stringsOrEmpty(r.hostConfig(), "GroupAdd"));
            ContainerConfig config = OciTranslator.translate(r, rootfs, containerDir, user, netns, this::pidOf);
            Files.createDirectories(ctx.logDir(id));
            timer.mark("translate");
            NetworkSetup setup = early == null ? NetworkSetup.NONE : await(early);
            timer.mark("attach-wait");
            if (early != null) {
                ctx.setups.put(id, setup);
            }
            ctx.etcFiles.write(containerDir, request, setup);
            timer.mark("etc");
            ctx.runtime.create(id, config, ctx.logDir(id));
            created = true;
            timer.mark("runc-create");
            int pid = Integer.parseInt(Files.readString(ctx.runtime.paths(id).pidFile()).strip());
            if (early == null) {
                attachAfterCreate(id, request, netns, pid, containerDir);
                timer.mark("attach");
            }
            ctx.runtime.start(id);
            timer.mark("runc-start");
            var spec = HealthMonitor.Spec.of(r.config().path("Healthcheck"));
            Instant now = ctx.clock.instant();
            ContainerRecord running = r.withState(r.state().started(pid, now, spec.isPresent()));
            ctx.store.updateState(running);
            timer.mark("record");
            ctx.runEpochs.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
            ctx.containerEvent(running, "start");
            spec.ifPresent(s -> ctx.health.start(id, s, running.state().startedAt()));
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                // PID 1 was gone before we looked: the watcher may have fired before the record said running
                Thread.ofVirtual().start(() -> exitCheck.accept(id));
            }
        } catch (RuntimeException | IOException e) {
            if (early != null) {
                early.handle((s, x) -> null).join(); // its endpoints must exist before the undo removes them
            }
            undo(id, created);
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            int code = message.contains("executable file not found") || message.contains("no such file") ? 127
                    : message.contains("permission denied") ? 126 : 128;
            ContainerRecord failed = ctx.store.get(id);
            ctx.store.update(failed.withState(failed.state().failedToStart(code, message, ctx.clock.instant())));
            if (e instanceof RuntimeError re) {
                throw re;
            }
            throw new RuntimeError(code == 128 ? 500 : 400, message, e);
        }
    }

    /** A namespace runc made (or the host's): endpoints now, then the /etc files rewritten in place. */
    private void attachAfterCreate(String id, NetworkRequest request, NamespaceMode netns, int pid,
            Path containerDir) {
        Path netnsPath = netns instanceof NamespaceMode.Join j ? j.path()
                : Path.of("/proc", Integer.toString(pid), "ns", "net");
        NetworkSetup setup = request.isContainerMode() ? NetworkSetup.NONE
                : ctx.network.attach(id, netnsPath, request);
        ctx.setups.put(id, setup);
        if (setup.resolvConf() != null || setup.hostsAddress() != null) {
            ctx.etcFiles.rewrite(containerDir, request, setup);
        }
    }

    private static NetworkSetup await(CompletableFuture<NetworkSetup> attach) {
        try {
            return attach.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private NamespaceMode joinNetwork(NetworkRequest request) {
        String other = request.networkMode().substring("container:".length());
        return NamespaceMode.join(Path.of("/proc", Integer.toString(pidOf(other)), "ns", "net"));
    }

    /** PID 1 of another running container (for container:<name> namespace modes). */
    private int pidOf(String ref) {
        ContainerRecord other = ctx.store.get(ref);
        if (!other.state().hasProcess() || other.state().pid() <= 0) {
            throw RuntimeError.conflict("cannot join the namespaces of container " + ref + ": it is not running");
        }
        return other.state().pid();
    }

    private void undo(String id, boolean created) {
        if (created) {
            Lifecycle.quietly(() -> ctx.runtime.delete(id));
        }
        Lifecycle.quietly(() -> ctx.network.detach(id));
        ctx.setups.remove(id);
        Lifecycle.quietly(() -> ctx.rootfs.unmount(id));
    }
}
