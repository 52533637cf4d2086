package dev.jcompose.runtime.container;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.oci.ContainerConfig;
import dev.jcompose.runtime.oci.HostPlatform;
import dev.jcompose.runtime.oci.OciSpecGenerator;
import dev.jcompose.runtime.oci.SeccompPolicy;
import dev.jcompose.runtime.runc.Runc;
import dev.jcompose.runtime.runc.RuncState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private world for tests with real runc: busybox rootfs in a temp dir, runc state under
 * /run/jcompose-test-<random>, cgroups under /jcompose-test-<random>, ids prefixed jct-. {@link #close} removes
 * all of it, even after a failed test, then proves nothing is left (runc list, cgroup dirs, directories).
 */
final class RuncTestBed implements AutoCloseable {
    static final Path BUSYBOX = Path.of("/bin/busybox");
    static final List<String> APPLETS = List.of("sh", "echo", "sleep", "cat", "id", "httpd", "unshare", "mount",
            "tail", "trap", "true", "false", "grep", "head", "ls", "seq", "env", "pwd");

    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final Path tmp;
    final Path rootfs;
    final Path stateRoot = Path.of("/run/jcompose-test-" + tag);
    final String cgroupParent = "/jcompose-test-" + tag;
    final Runc runc;
    final Cgroups cgroups = new Cgroups(Cgroups.DEFAULT_ROOT);
    final OciSpecGenerator generator;
    final ContainerRuntime runtime;
    private final AtomicInteger counter = new AtomicInteger();

    /** Skips the test unless it runs as root with runc and busybox-static installed. */
    static void assumeHost() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(Runc.DEFAULT_BINARY), "needs runc at " + Runc.DEFAULT_BINARY);
        assumeTrue(Files.isExecutable(BUSYBOX), "needs busybox-static at " + BUSYBOX);
    }

    static boolean hasConmon() {
        return Files.isExecutable(ConmonMonitor.DEFAULT_BINARY);
    }

    RuncTestBed(boolean useConmon) throws IOException {
        assumeHost();
        tmp = Files.createTempDirectory("jct-");
        rootfs = tmp.resolve("rootfs");
        makeBusyboxRootfs(rootfs);
        runc = new Runc(Runc.DEFAULT_BINARY, stateRoot.resolve("runc"), stateRoot.resolve("runc-logs"),
                Duration.ofSeconds(20));
        generator = new OciSpecGenerator(HostPlatform.detect(), SeccompPolicy.bundledDefault(), cgroupParent);
        ContainerMonitor monitor = useConmon
                ? new ConmonMonitor(ConmonMonitor.DEFAULT_BINARY, runc, stateRoot.resolve("exits"),
                        stateRoot.resolve("sockets"), 1 << 20)
                : new DirectMonitor(runc);
        runtime = new ContainerRuntime(runc, generator, stateRoot.resolve("containers"), monitor, cgroups);
    }

    /** A second runtime over the same directories, as a restarted daemon would build it. */
    ContainerRuntime restartedRuntime() {
        ContainerMonitor monitor = runtime.monitor() instanceof ConmonMonitor
                ? new ConmonMonitor(ConmonMonitor.DEFAULT_BINARY, runc, stateRoot.resolve("exits"),
                        stateRoot.resolve("sockets"), 1 << 20)
                : new DirectMonitor(runc);
        return new ContainerRuntime(new Runc(Runc.DEFAULT_BINARY, stateRoot.resolve("runc"),
                stateRoot.resolve("runc-logs"), Duration.ofSeconds(20)), generator, stateRoot.resolve("containers"),
                monitor, cgroups);
    }

    static void makeBusyboxRootfs(Path rootfs) throws IOException {
        Path bin = rootfs.resolve("bin");
        Files.createDirectories(bin);
        for (String dir : List.of("proc", "sys", "dev", "etc", "tmp", "mnt", "www")) {
            Files.createDirectories(rootfs.resolve(dir));
        }
        // /tmp is 1777 in every image; NIO cannot set the sticky bit
        new ProcessBuilder("chmod", "1777", rootfs.resolve("tmp").toString()).start().onExit().join();
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\n");
    }

    String newId() {
        return "jct-" + tag + "-" + counter.incrementAndGet();
    }

    Path logDir(String id) {
        return tmp.resolve("logs").resolve(id);
    }

    ContainerConfig.Builder config(String... args) {
        return ContainerConfig.builder(rootfs, List.of(args)).hostname("jct");
    }

    /** Starts a container and returns its id. */
    String run(ContainerConfig config) {
        String id = newId();
        runtime.run(id, config, logDir(id));
        return id;
    }

    /** Everything this bed made that still exists; empty after a clean {@link #close}. */
    List<String> residue() {
        List<String> left = new ArrayList<>();
        if (Files.exists(stateRoot.resolve("runc"))) {
            runc.list().stream().map(RuncState::id).forEach(id -> left.add("runc container " + id));
        }
        for (Path dir : cgroups.dirsOf(cgroupParent)) {
            if (Files.exists(dir)) {
                left.add("cgroup " + dir);
            }
        }
        for (Path p : List.of(stateRoot, tmp)) {
            if (Files.exists(p)) {
                left.add("directory " + p);
            }
        }
        return left;
    }

    @Override
    public void close() throws IOException {
        for (RuncState s : runc.list()) {
            runtime.delete(s.id());
        }
        Path containers = stateRoot.resolve("containers");
        if (Files.exists(containers)) {
            try (Stream<Path> dirs = Files.list(containers)) {
                for (Path d : dirs.toList()) {
                    runtime.delete(d.getFileName().toString());
                }
            }
        }
        cgroups.remove(cgroupParent + "/x"); // the parent, if some test bypassed runtime.delete
        ContainerRuntime.deleteTree(stateRoot);
        ContainerRuntime.deleteTree(tmp);
        List<String> left = residue();
        if (!left.isEmpty()) {
            throw new AssertionError("test residue: " + left);
        }
    }
}
