package dev.jcompose.runtime.build;

import dev.jcompose.runtime.container.ContainerPaths;
import dev.jcompose.runtime.container.ExitStatus;
import dev.jcompose.runtime.engine.EtcFiles;
import dev.jcompose.runtime.engine.NetworkRequest;
import dev.jcompose.runtime.engine.NetworkSetup;
import dev.jcompose.runtime.engine.ScopedPath;
import dev.jcompose.runtime.engine.UserResolver;
import dev.jcompose.runtime.fs.Trees;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.oci.ContainerConfig;
import dev.jcompose.runtime.oci.MountSpec;
import dev.jcompose.runtime.oci.NamespaceMode;
import dev.jcompose.runtime.oci.Namespaces;
import dev.jcompose.runtime.oci.UserSpec;
import dev.jcompose.runtime.runc.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A RUN step: the command runs in a runc container (conmon as its monitor, stdio to files) on a writable overlay
 * snapshot of the parent, in the default bridge network (or none/host as asked), with the engine's /etc files
 * bind-mounted. Output is streamed while it runs; a client that goes away kills it. The container is always
 * deleted; the snapshot becomes the step's layer only when the command exits 0.
 */
final class RunStep {
    /** Where runc mounts things: created in the rootfs when missing, and then no part of the layer. */
    static final List<String> MOUNT_POINTS = List.of("proc", "sys", "sys/fs/cgroup", "dev", "dev/pts", "dev/shm",
            "dev/mqueue", "etc/resolv.conf", "etc/hostname", "etc/hosts");
    private static final Duration POLL = Duration.ofMillis(100);

    private final BuildEnvironment env;
    private final BuildOptions options;
    private final BuildOutput output;

    RunStep(BuildEnvironment env, BuildOptions options, BuildOutput output) {
        this.env = env;
        this.options = options;
        this.output = output;
    }

    /** Runs {@code args} over {@code parent}; the layer of its changes, or null when it changed nothing. */
    ImageRecord.Layer run(ImageState parent, List<String> args, List<String> envVars) {
        try (WorkingLayer layer = WorkingLayer.open(env, parent)) {
            Path rootfs = layer.rootfs();
            Set<String> placeholders = new LinkedHashSet<>();
            for (String p : MOUNT_POINTS) {
                if (!ScopedPath.exists(rootfs, "/" + p)) {
                    placeholders.add(p);
                }
            }
            String workdir = parent.runConfig().workingDir();
            workdir = workdir == null || workdir.isEmpty() ? "/" : workdir;
            Files.createDirectories(ScopedPath.resolve(rootfs, workdir));
            String user = parent.runConfig().user();
            UserSpec userSpec = UserResolver.forRootfs(rootfs).resolve(user == null ? "" : user, List.of());
            int code = execute(rootfs, args, envVars, workdir, userSpec);
            if (code != 0) {
                throw new BuildException("The command '" + String.join(" ", args) + "' returned a non-zero code: "
                        + code, code);
            }
            return layer.commit(placeholders);
        } catch (IOException e) {
            throw new BuildException("RUN failed: " + e.getMessage());
        }
    }

    private int execute(Path rootfs, List<String> args, List<String> envVars, String workdir, UserSpec user)
            throws IOException {
        String id = randomId();
        String shortId = id.substring(0, 12);
        Path containerDir = env.runDir().resolve("containers").resolve(id);
        Files.createDirectories(containerDir.resolve("logs"));
        NetworkRequest request = new NetworkRequest("build-" + shortId, shortId, "", networkMode(), Map.of(),
                Map.of(), false, List.of(), List.of(), List.of(), List.of(), options.extraHosts());
        output.stream(" ---> Running in " + shortId + "\n");
        boolean created = false;
        boolean cancelled = false;
        boolean succeeded = false;
        try {
            NamespaceMode netns = env.network().namespace(id, request);
            env.etcFiles().write(containerDir, request, NetworkSetup.NONE);
            ContainerConfig.Builder config = ContainerConfig.builder(rootfs, args).env(envVars).cwd(workdir)
                    .user(user).hostname(shortId).mounts(List.of(
                            MountSpec.Bind.engineFile(EtcFiles.resolvConf(containerDir), "/etc/resolv.conf"),
                            MountSpec.Bind.engineFile(EtcFiles.hostname(containerDir), "/etc/hostname"),
                            MountSpec.Bind.engineFile(EtcFiles.hosts(containerDir), "/etc/hosts")))
                    .namespaces(Namespaces.PRIVATE.withNetwork(netns));
            if (options.shmSize() > 0) {
                config.shmSize(options.shmSize());
            }
            ContainerPaths paths = env.runtime().create(id, config.build(), containerDir.resolve("logs"));
            created = true;
            int pid = Integer.parseInt(Files.readString(paths.pidFile()).strip());
            Path netnsPath = netns instanceof NamespaceMode.Join j ? j.path()
                    : Path.of("/proc", Integer.toString(pid), "ns", "net");
            NetworkSetup setup = env.network().attach(id, netnsPath, request);
            if (setup.resolvConf() != null || setup.hostsAddress() != null) {
                env.etcFiles().rewrite(containerDir, request, setup);
            }
            env.runtime().start(id);
            LogTail tail = new LogTail(paths, env.runtime().monitor().logFormat(), output);
            Optional<ExitStatus> exit = Optional.empty();
            while (exit.isEmpty()) {
                tail.poll();
                if (!cancelled && output.cancelled()) {
                    cancelled = true;
                    env.runtime().stop(id, Signals.SIGKILL, Duration.ZERO);
                }
                exit = env.runtime().waitExit(id, POLL);
            }
            tail.poll();
            if (cancelled) {
                throw new BuildException("the build was cancelled: the client went away");
            }
            succeeded = exit.get().exitCode() == 0;
            return exit.get().exitCode();
        } finally {
            if (created) {
                quietly(() -> env.runtime().delete(id));
            }
            quietly(() -> env.network().released(id));
            quietly(() -> Trees.delete(containerDir));
            // dockerd prints the removal of a step's container only when the step succeeded
            if (succeeded) {
                quietly(() -> output.stream("Removing intermediate container " + shortId + "\n"));
            }
        }
    }

    private String networkMode() {
        String mode = options.networkMode();
        return mode.isEmpty() ? "default" : mode;
    }

    private static String randomId() {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // cleanup goes on; what could not be removed is swept at the next daemon start
        }
    }
}
