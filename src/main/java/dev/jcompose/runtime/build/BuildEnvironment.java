package dev.jcompose.runtime.build;

import dev.jcompose.runtime.container.Cgroups;
import dev.jcompose.runtime.container.ConmonMonitor;
import dev.jcompose.runtime.container.ContainerMonitor;
import dev.jcompose.runtime.container.ContainerRuntime;
import dev.jcompose.runtime.container.DirectMonitor;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.engine.EtcFiles;
import dev.jcompose.runtime.engine.NetworkAttacher;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.oci.HostPlatform;
import dev.jcompose.runtime.oci.OciSpecGenerator;
import dev.jcompose.runtime.oci.SeccompPolicy;
import dev.jcompose.runtime.runc.Runc;
import dev.jcompose.runtime.snapshot.Mounter;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What the builder works with: the daemon's stores, its networking (RUN steps join the default bridge like
 * dockerd's), and a container runtime of its own whose bundles live under {@code <run>/build} but which shares
 * the engine's runc root and cgroup parent (so `runc list` and the residue checks see build containers too).
 * Work directories (contexts, mounts) live under {@code <root>/build}.
 */
public record BuildEnvironment(ImageStore images, ContentStore content, Snapshotter snapshots, Mounter mounter,
        ContainerRuntime runtime, NetworkAttacher network, EtcFiles etcFiles, Path workRoot, Path runDir,
        Clock clock) {

    /** The builder of a daemon whose state is under {@code root}, runtime state under {@code runDir}. */
    public static BuildEnvironment forDaemon(Path root, Path runDir, String cgroupParent, ImageStore images,
            ContentStore content, Snapshotter snapshots, NetworkAttacher network) {
        Path run = runDir.toAbsolutePath();
        Runc runc = new Runc(Runc.DEFAULT_BINARY, run.resolve("runc"), run.resolve("runc-logs"),
                Duration.ofSeconds(30));
        Path buildRun = run.resolve("build");
        ContainerMonitor monitor = ConmonMonitor.detect(runc, buildRun.resolve("exits"), buildRun.resolve("sockets"), 0)
                .<ContainerMonitor>map(m -> m).orElseGet(() -> new DirectMonitor(runc));
        OciSpecGenerator generator = new OciSpecGenerator(HostPlatform.detect(), SeccompPolicy.bundledDefault(),
                cgroupParent);
        ContainerRuntime runtime = new ContainerRuntime(runc, generator, buildRun.resolve("bundles"), monitor,
                new Cgroups(Cgroups.DEFAULT_ROOT));
        return new BuildEnvironment(images, content, snapshots, new Mounter(), runtime, network,
                new EtcFiles(Path.of("/etc/resolv.conf")), root.toAbsolutePath().resolve("build"), buildRun,
                Clock.systemUTC());
    }

    Path cacheDir() {
        return workRoot.resolve("cache");
    }

    Path mountsDir() {
        return workRoot.resolve("mounts");
    }

    Path tmpDir() {
        return workRoot.resolve("tmp");
    }

    BuildCache cache() {
        return new BuildCache(cacheDir(), content);
    }
}
