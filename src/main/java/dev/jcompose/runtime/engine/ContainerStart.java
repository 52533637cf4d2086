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
 * <p>The namespace is made on another thread while this one mounts the rootfs (two host processes at once).
 * When networking hands out a namespace of its own by path (the normal bridge case), the endpoints are wired
 * on another thread while this one mounts the rootfs, builds the OCI config and runs runc create: runc only
 * joins the namespace, so the veth, addresses, routes and DNS names can appear in it meanwhile, and the
 * network's host processes (~15 ms) hide behind runc create (~50 ms). Hosts and resolv.conf get the address
 * in place before runc start. Other namespaces (runc's own, the host's) are attached after runc create, as
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
        CompletableFuture<NamespaceMode> namespace = null;
        CompletableFuture<NetworkSetup> early = null;
        try {
            Path containerDir = ctx.store.dirOf(id);
            namespace = request.isContainerMode() ? CompletableFuture.completedFuture(joinNetwork(request))
                    : CompletableFuture.supplyAsync(() -> ctx.network.namespace(id, request), BACKGROUND);
            ctx.rootfs.mount(id);
            timer.mark("mount");
            NamespaceMode netns = await(namespace);
            timer.mark("netns-wait");
            if (!request.isContainerMode() && netns instanceof NamespaceMode.Join j) {
                early = CompletableFuture.supplyAsync(() -> ctx.network.attach(id, j.path(), request), BACKGROUND);
            }
            r.mounts().forEach(MountPlanner::ensureBindSource);
            ctx.rootfs.ensureDirectory(id, DockerJson.text(r.config(), "WorkingDir", ""));
            Path rootfs = ctx.rootfs.dir(id);
            UserSpec user = UserResolver.forRootfs(rootfs).resolve(DockerJson.text(r.config(), "User", ""),
                    DockerJson.stringsOrEmpty(r.hostConfig(), "GroupAdd"));
            ContainerConfig config = OciTranslator.translate(r, rootfs, containerDir, user, netns, this::pidOf);
            Files.createDirectories(ctx.logDir(id));
            ctx.etcFiles.write(containerDir, request, NetworkSetup.NONE);
            timer.mark("translate+etc");
            ctx.runtime.create(id, config, ctx.logDir(id));
            created = true;
            timer.mark("runc-create");
            int pid = Integer.parseInt(Files.readString(ctx.runtime.paths(id).pidFile()).strip());
            NetworkSetup setup = early != null ? await(early)
                    : attach(id, request, netns, Path.of("/proc", Integer.toString(pid), "ns", "net"));
            ctx.setups.put(id, setup);
            if (setup.resolvConf() != null || setup.hostsAddress() != null) {
                // in place: runc has bind-mounted the files already
                ctx.etcFiles.rewrite(containerDir, request, setup);
            }
            timer.mark(early != null ? "attach-wait" : "attach");
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
        } catch (RuntimeException | IOException thrown) {
            // what the other thread made must exist before the undo removes it
            for (CompletableFuture<?> step : java.util.Arrays.asList(namespace, early)) {
                if (step != null) {
                    step.handle((s, x) -> null).join();
                }
            }
            // When the network step failed (a host port in use), it tore down what runc was joining, and runc's
            // own failure ("can't get final child's PID") is only the consequence: report the network's error.
            Exception e = early != null && early.isCompletedExceptionally()
                    && early.exceptionNow() instanceof RuntimeException networkFailure ? networkFailure : thrown;
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

    /** Endpoints in a namespace that exists only once runc has created the container (or the host's). */
    private NetworkSetup attach(String id, NetworkRequest request, NamespaceMode netns, Path ownNetns) {
        Path netnsPath = netns instanceof NamespaceMode.Join j ? j.path() : ownNetns;
        return request.isContainerMode() ? NetworkSetup.NONE : ctx.network.attach(id, netnsPath, request);
    }

    private static <T> T await(CompletableFuture<T> step) {
        try {
            return step.join();
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
