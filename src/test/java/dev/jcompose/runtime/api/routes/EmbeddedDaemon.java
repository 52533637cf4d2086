package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.api.SystemRoutes;
import dev.jcompose.runtime.container.Cgroups;
import dev.jcompose.runtime.container.ConmonMonitor;
import dev.jcompose.runtime.content.LocalContentStore;
import dev.jcompose.runtime.daemon.DaemonConfig;
import dev.jcompose.runtime.daemon.EngineDaemon;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.ContainerRecord;
import dev.jcompose.runtime.engine.EngineOptions;
import dev.jcompose.runtime.engine.VolumeRecord;
import dev.jcompose.runtime.fs.Posix;
import dev.jcompose.runtime.image.ImageFilters;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.ImportOptions;
import dev.jcompose.runtime.runc.Runc;
import dev.jcompose.runtime.snapshot.Mounter;
import dev.jcompose.runtime.snapshot.OverlaySnapshotter;
import dev.jcompose.runtime.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An embedded engine daemon for tests, in this JVM: its own root and run dirs under /tmp/jct-XXXX (short, for
 * socket paths), its own cgroup parent, the busybox image built in code from /bin/busybox (tagged
 * jcompose/busybox:latest and busybox:latest). {@link #close} removes every container and volume, stops the
 * daemon, and fails when anything is left: runc containers, mounts, cgroups, conmon processes, directories.
 */
public final class EmbeddedDaemon implements AutoCloseable {
    public static final String BUSYBOX = "jcompose/busybox:latest";

    public final String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    public final Path dir;
    public final Path root;
    public final Path run;
    public final DaemonConfig config;
    public final OverlaySnapshotter snapshots;
    public final ImageStore images;
    public final ContainerEngine engine;
    /** Real networking in test mode (jcta-* names, 10.214.0.0/16); torn down entirely by {@link #close}. */
    public final dev.jcompose.runtime.netattach.EmbeddedNetworking networking;
    public final String cgroupParent;
    /** The image builder (POST /build), over the same stores and networking. */
    public final dev.jcompose.runtime.build.ImageBuilder builder;
    private EngineDaemon daemon;
    private final java.util.Set<String> createdIds = new java.util.HashSet<>();
    private LocalContentStore content;

    /** Skips unless root with runc, conmon and busybox-static. */
    public static void assumeHost() {
        assumeTrue(Posix.isRoot(), "needs root");
        assumeTrue(Files.isExecutable(Runc.DEFAULT_BINARY), "needs runc");
        assumeTrue(Files.isExecutable(ConmonMonitor.DEFAULT_BINARY), "needs conmon");
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs busybox-static");
    }

    public EmbeddedDaemon() throws IOException {
        this(null);
    }

    /** Over an existing directory (a restarted daemon), or a new one when {@code existing} is null. */
    public EmbeddedDaemon(Path existing) throws IOException {
        this(existing, null);
    }

    /**
     * @param cgroupParent null for one of this daemon's own; a daemon adopting containers of another process
     *     must use that one's parent (Docker's default for the standard daemon)
     */
    public EmbeddedDaemon(Path existing, String cgroupParent) throws IOException {
        this(existing, cgroupParent, true);
    }

    /** A new daemon whose published ports are DNAT'd by the kernel (dockerd's --userland-proxy=false). */
    public static EmbeddedDaemon withoutUserlandProxy() throws IOException {
        return new EmbeddedDaemon(null, null, false);
    }

    /** @param userlandProxy false: published ports by DNAT rules (the daemon setting --userland-proxy=false) */
    public EmbeddedDaemon(Path existing, String cgroupParent, boolean userlandProxy) throws IOException {
        assumeHost();
        dir = existing != null ? existing : Files.createDirectory(Path.of("/tmp/jct-" + tag));
        root = dir.resolve("root");
        run = dir.resolve("run");
        config = new DaemonConfig(root, run, run.resolve("engine.sock"), userlandProxy);
        snapshots = new OverlaySnapshotter(root);
        content = new LocalContentStore(root);
        images = new ImageStore(root, content, snapshots);
        if (existing == null) {
            importBusybox(images);
        }
        this.cgroupParent = cgroupParent != null ? cgroupParent : cgroupParentFor(dir);
        networking = dev.jcompose.runtime.netattach.EmbeddedNetworking.forTests(root.resolve("networks"),
                userlandProxy).start();
        engine = ContainerEngine.openDeferringBootStarts(EngineOptions.defaults(root, run)
                .withCgroupParent(this.cgroupParent).withNetwork(networking), images, snapshots);
        networking.reconcile(dev.jcompose.runtime.daemon.StandardDaemon.liveContainers(engine));
        builder = new dev.jcompose.runtime.build.ImageBuilder(dev.jcompose.runtime.build.BuildEnvironment.forDaemon(
                root, run, this.cgroupParent, images, content, snapshots, networking));
        builder.recover();
        engine.startByBootPolicies(); // as the standard daemon: after the reconcile
    }

    /** A new daemon directory whose image store already holds busybox, for a daemon started elsewhere. */
    public static Path newDirWithBusybox() throws IOException {
        assumeHost();
        Path dir = Files.createDirectory(Path.of("/tmp/jct-" + HexFormat.of().toHexDigits(
                ThreadLocalRandom.current().nextInt())));
        Path root = dir.resolve("root");
        OverlaySnapshotter snapshots = new OverlaySnapshotter(root);
        importBusybox(new ImageStore(root, new LocalContentStore(root), snapshots));
        return dir;
    }

    /** The cgroup parent follows the directory, so a restarted daemon over it uses the same one. */
    static String cgroupParentFor(Path dir) {
        return "/" + dir.getFileName();
    }

    public EmbeddedDaemon start() throws IOException {
        daemon = new EngineDaemon(config).addPart(engine)
                .addRoutes(r -> ContainerApi.register(r, engine, root, Clock.systemUTC()))
                .addRoutes(new NetworkRoutes(networking.manager(), engine)::register)
                .addRoutes(new BuildRoutes(builder)::register)
                .addRoutes(new ImageRoutes(images, content, engine, new dev.jcompose.runtime.registry.RegistryClient())
                        ::register)
                .counts(() -> {
                    ContainerEngine.Counts c = engine.counts();
                    return new SystemRoutes.Counts(c.containers(), c.running(), c.paused(), c.stopped(),
                            images.list(ImageFilters.NONE).size());
                });
        daemon.start();
        return this;
    }

    public URI uri() {
        return URI.create("unix://" + config.socket());
    }

    /** busybox-static with one symlink per applet, passwd and group, CMD sh, the default PATH and a label. */
    static void importBusybox(ImageStore images) throws IOException {
        importImage(images, BUSYBOX, tar -> { }, List.of());
        images.tag(BUSYBOX, "busybox:latest");
    }

    /** A one-layer busybox image with extra entries ({@code extra}) and Dockerfile changes. */
    public static void importImage(ImageStore images, String reference, java.util.function.Consumer<TarBuilder> extra,
            List<String> changes) throws IOException {
        TarBuilder tar = new TarBuilder();
        for (String d : List.of("bin", "etc", "root", "proc", "sys", "dev", "var", "var/www")) {
            tar.dir(d, 0755);
        }
        tar.dir("tmp", 01777);
        tar.file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755);
        Process list = new ProcessBuilder("/bin/busybox", "--list").start();
        for (String applet : new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                tar.symlink("bin/" + applet.strip(), "busybox");
            }
        }
        tar.file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
                0644);
        tar.file("etc/group", "root:x:0:\nnobody:x:65534:\n", 0644);
        extra.accept(tar);
        List<String> all = new ArrayList<>(List.of("CMD [\"sh\"]",
                "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LABEL dev.jcompose.image=busybox"));
        all.addAll(changes);
        images.importRootfs(new ByteArrayInputStream(tar.build()), ImportOptions.DEFAULTS.withReference(reference)
                .withChanges(all));
    }

    /** Stops serving; containers keep running (what a crash leaves, minus the kill). */
    public void stopDaemonOnly() {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        } else {
            engine.close();
        }
        networking.close();
    }

    /** Every container and volume of this daemon removed; then the daemon stops and the residue check runs. */
    @Override
    public void close() throws IOException {
        List<String> failures = new ArrayList<>();
        engine.list().forEach(r -> createdIds.add(r.id()));
        for (ContainerRecord r : engine.list()) {
            try {
                engine.remove(r.id(), true, true);
            } catch (RuntimeException e) {
                failures.add("remove " + r.id() + ": " + e.getMessage());
            }
        }
        for (VolumeRecord v : engine.volumes().list()) {
            try {
                engine.removeVolume(v.name());
            } catch (RuntimeException e) {
                failures.add("remove volume " + v.name() + ": " + e.getMessage());
            }
        }
        stopDaemonOnly();
        try {
            networking.manager().destroyAll();
        } catch (RuntimeException e) {
            failures.add("network teardown: " + e.getMessage());
        }
        failures.addAll(dev.jcompose.runtime.network.ResidueScan.daemonTestResidue());
        failures.addAll(residue());
        forceClean();
        if (!failures.isEmpty()) {
            throw new AssertionError("cleanup failures / residue: " + failures);
        }
    }

    /** What this daemon left on the host: runc containers, mounts under its dir, cgroups, conmon processes. */
    public List<String> residue() throws IOException {
        List<String> left = new ArrayList<>();
        Runc runc = new Runc(Runc.DEFAULT_BINARY, run.resolve("runc"), run.resolve("runc-logs"), Duration.ofSeconds(10));
        runc.list().forEach(s -> left.add("runc container " + s.id()));
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mountPoint = line.split(" ")[4];
            if (mountPoint.startsWith(dir.toString())) {
                left.add("mount " + mountPoint);
            }
        }
        for (String id : createdIds) {
            new Cgroups(Cgroups.DEFAULT_ROOT).dirsOf(cgroupParent + "/" + id).stream().filter(Files::exists)
                    .forEach(d -> left.add("cgroup " + d));
        }
        if (cgroupParent.equals(cgroupParentFor(dir))) {
            new Cgroups(Cgroups.DEFAULT_ROOT).dirsOf(cgroupParent).stream().filter(Files::exists)
                    .forEach(d -> left.add("cgroup " + d));
        }
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains("conmon")
                && c.contains(run.toString())).orElse(false)).forEach(p -> left.add("conmon pid " + p.pid()));
        return left;
    }

    /** Last resort after a failed test: unmount and delete everything under the dir. */
    private void forceClean() throws IOException {
        Runc runc = new Runc(Runc.DEFAULT_BINARY, run.resolve("runc"), run.resolve("runc-logs"), Duration.ofSeconds(10));
        runc.list().forEach(s -> {
            try {
                runc.delete(s.id(), true);
            } catch (RuntimeException e) {
                // reported as residue already
            }
        });
        Mounter mounter = new Mounter();
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mountPoint = line.split(" ")[4];
            if (mountPoint.startsWith(dir.toString())) {
                mounts.add(mountPoint);
            }
        }
        mounts.sort(java.util.Comparator.reverseOrder());
        for (String m : mounts) {
            try {
                mounter.unmount(Path.of(m));
            } catch (RuntimeException e) {
                new ProcessBuilder("umount", "-l", m).start();
            }
        }
        if (cgroupParent.equals(cgroupParentFor(dir))) {
            new Cgroups(Cgroups.DEFAULT_ROOT).remove(cgroupParent + "/x");
        }
        try {
            // --one-file-system: a mount that survived everything above is skipped, never emptied
            new ProcessBuilder("rm", "-rf", "--one-file-system", dir.toString()).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
