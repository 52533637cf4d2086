package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.container.Cgroups;
import dev.jcompose.runtime.container.ConmonMonitor;
import dev.jcompose.runtime.container.ContainerMonitor;
import dev.jcompose.runtime.container.ContainerRuntime;
import dev.jcompose.runtime.container.DirectMonitor;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.oci.HostPlatform;
import dev.jcompose.runtime.oci.OciSpecGenerator;
import dev.jcompose.runtime.oci.SeccompPolicy;
import dev.jcompose.runtime.runc.Runc;
import dev.jcompose.runtime.snapshot.Mounter;
import dev.jcompose.runtime.snapshot.Snapshotter;
import java.time.Duration;

/** Builds a {@link ContainerEngine} from its options: runc, conmon (or none), the OCI generator, the stores. */
final class EngineAssembly {
    private static final System.Logger LOG = System.getLogger(EngineAssembly.class.getName());

    private EngineAssembly() {
    }

    /** With {@code deferBootStarts}, restart policies wait for {@link ContainerEngine#startByBootPolicies()}. */
    static ContainerEngine open(EngineOptions options, ImageStore images, Snapshotter snapshotter,
            boolean deferBootStarts) {
        ContainerEngine engine = assemble(options, images, snapshotter);
        Recovery.Result recovered = new Recovery(engine.context(), engine.lifecycle(), snapshotter)
                .run(Recovery.Mode.BOOT);
        engine.recoveryReport = recovered.removed();
        engine.pendingBootStarts = recovered.bootStarts();
        engine.startWatching();
        if (!deferBootStarts) {
            engine.startByBootPolicies();
        }
        return engine;
    }

    /**
     * With no daemon running: stops what still runs and removes every container-side leftover. Returns what was
     * removed; the engine is closed.
     */
    static ContainerEngine.ShutdownCleanup shutdownCleanup(EngineOptions options, ImageStore images,
            Snapshotter snapshotter) {
        ContainerEngine engine = assemble(options, images, snapshotter);
        try {
            Recovery.Result r = new Recovery(engine.context(), engine.lifecycle(), snapshotter)
                    .run(Recovery.Mode.SHUTDOWN);
            return new ContainerEngine.ShutdownCleanup(r.stopped(), r.removed(), r.live());
        } finally {
            engine.close();
        }
    }

    private static ContainerEngine assemble(EngineOptions options, ImageStore images, Snapshotter snapshotter) {
        Runc runc = new Runc(options.runcBinary(), options.runcRoot(), options.runcLogs(), Duration.ofSeconds(30));
        ContainerMonitor monitor = ConmonMonitor.detect(runc, options.exitDir(), options.socketDir(), 0)
                .<ContainerMonitor>map(m -> m).orElseGet(() -> {
                    LOG.log(System.Logger.Level.WARNING, "conmon not found at " + ConmonMonitor.DEFAULT_BINARY
                            + ": exit codes of containers will be unknown");
                    return new DirectMonitor(runc);
                });
        OciSpecGenerator generator = new OciSpecGenerator(HostPlatform.detect(), SeccompPolicy.bundledDefault(),
                options.cgroupParent());
        ContainerRuntime runtime = new ContainerRuntime(runc, generator, options.bundles(), monitor,
                new Cgroups(Cgroups.DEFAULT_ROOT));
        ContainerStore store = new ContainerStore(options.root());
        VolumeStore volumes = new VolumeStore(options.root(), options.clock());
        Rootfs rootfs = new Rootfs(snapshotter, new Mounter(), store);
        EngineContext ctx = new EngineContext(options, store, volumes, images, rootfs, runtime,
                new EventBus(options.clock()));
        return new ContainerEngine(ctx, ContainerEngine.newScheduler());
    }
}
