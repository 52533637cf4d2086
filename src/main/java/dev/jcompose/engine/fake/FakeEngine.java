package dev.jcompose.engine.fake;

import dev.jcompose.engine.BuildSpec;
import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.EngineEvent;
import dev.jcompose.engine.EngineInfo;
import dev.jcompose.engine.EventFilter;
import dev.jcompose.engine.ExecResult;
import dev.jcompose.engine.ExecSpec;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.ImageSummary;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.engine.NetworkInfo;
import dev.jcompose.engine.NetworkSpec;
import dev.jcompose.engine.PathStat;
import dev.jcompose.engine.Stdio;
import dev.jcompose.engine.Signals;
import dev.jcompose.engine.Subscription;
import dev.jcompose.engine.VolumeInfo;
import dev.jcompose.engine.VolumeSpec;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The in-memory engine. Besides the {@link Engine} calls, tests script it: which program a container runs
 * ({@link #program}), what an exec answers ({@link #onExec}), which images exist or can be pulled, and
 * events from outside (a crash, a health change, more log output).
 */
public final class FakeEngine implements Engine {
    private final FakeStore store;
    private final FakeNetworks networks;
    private final FakeVolumes volumes;
    private final FakeImages images;
    private final FakeLifecycle lifecycle;
    private final FakeContainers containers;
    private final FakeBuilds builds = new FakeBuilds();
    private final Map<String, FakeProcess> programsByName = new ConcurrentHashMap<>();
    private final Map<String, FakeProcess> programsByImage = new ConcurrentHashMap<>();
    private final FakeStdio stdio;
    private final FakeFiles files = new FakeFiles();

    public FakeEngine() {
        this(Clock.systemUTC());
    }

    public FakeEngine(Clock clock) {
        this.store = new FakeStore(clock);
        this.networks = new FakeNetworks(store);
        this.volumes = new FakeVolumes(store);
        this.images = new FakeImages(store);
        this.lifecycle = new FakeLifecycle(store, networks);
        this.containers = new FakeContainers(store, images, networks, volumes, lifecycle, this::programFor);
        this.stdio = new FakeStdio(store, networks);
    }

    // --- scripting ---

    /** The program containers named {@code containerName} run from now on (takes precedence over images). */
    public FakeEngine program(String containerName, FakeProcess process) {
        programsByName.put(containerName, process);
        return this;
    }

    /** The program containers created from {@code image} run, unless their name has one. */
    public FakeEngine programForImage(String image, FakeProcess process) {
        programsByImage.put(FakeImages.normalize(image), process);
        return this;
    }

    /** Answers every exec; the default exits 0 with no output. */
    public FakeEngine onExec(BiFunction<ContainerInfo, ExecSpec, ExecResult> handler) {
        stdio.handler(handler);
        return this;
    }

    /** What interactive execs and attaches read from stdin, oldest first: "name: text" per stream. */
    public List<String> stdinReceived() {
        return stdio.inputs().stream().map(i -> i.containerName() + ": " + i.text()).toList();
    }

    /** A container's files (put one there, read one back), as the archive endpoints see them. */
    public FakeFiles.View files(String container) {
        return files.view(container(container));
    }

    /** Makes an image present locally, as a build or load would. */
    public ImageInfo addImage(String reference, ImageConfig config) {
        return locked(() -> images.add(reference, config));
    }

    /** Makes pushes of {@code reference} fail with the registry's {@code message}. */
    public FakeEngine refusePush(String reference, String message) {
        locked(() -> {
            images.refusePush(reference, message);
            return null;
        });
        return this;
    }

    /** What the fake registry holds: references pushed (or made pullable), normalized, oldest first. */
    public List<String> registryReferences() {
        return locked(images::registryReferences);
    }

    /** Makes an image available to {@link #pullImage}. */
    public FakeEngine addPullableImage(String reference, ImageConfig config) {
        locked(() -> {
            images.addPullable(reference, config);
            return null;
        });
        return this;
    }

    /** Builds so far, and scripted build failures. */
    public FakeBuilds builds() {
        return builds;
    }

    /** The running program ends by itself with {@code exitCode}; the restart policy applies. */
    public void exit(String container, int exitCode) {
        locked(() -> {
            FakeContainer c = store.container(container);
            if (!c.running()) {
                throw EngineErrors.conflict("Container " + c.id + " is not running");
            }
            lifecycle.exited(c, exitCode, false);
            return null;
        });
    }

    public void setHealth(String container, HealthStatus status) {
        locked(() -> {
            lifecycle.setHealth(store.container(container), status);
            return null;
        });
    }

    /** The program writes more output (a newline is added when missing). */
    public void appendLog(String container, LogFrame.Stream stream, String text) {
        locked(() -> {
            store.container(container).log.add(new LogFrame(stream, store.now(), text.endsWith("\n") ? text
                    : text + "\n"));
            store.changed.signalAll();
            return null;
        });
    }

    /** Every event so far, oldest first (bounded history). */
    public List<EngineEvent> eventHistory() {
        return store.events.history();
    }

    private FakeProcess programFor(String name, String image) {
        FakeProcess byName = programsByName.get(name);
        if (byName != null) {
            return byName;
        }
        return programsByImage.getOrDefault(FakeImages.normalize(image), FakeProcess.SERVICE);
    }

    private <T> T locked(Supplier<T> action) {
        store.lock.lock();
        try {
            return action.get();
        } finally {
            store.lock.unlock();
        }
    }

    private void locked(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    // --- engine ---

    @Override
    public void ping() {
    }

    @Override
    public EngineInfo info() {
        return new EngineInfo("fake", "0.0.0-fake", "1.41", "linux", "amd64", "");
    }

    // --- containers ---

    @Override
    public List<ContainerSummary> listContainers(List<String> labelFilters, boolean includeStopped) {
        return locked(() -> containers.list(labelFilters, includeStopped));
    }

    @Override
    public ContainerInfo inspectContainer(String container) {
        return locked(() -> {
            FakeContainer c = store.container(container);
            lifecycle.advanceHealth(c);
            return FakeSnapshots.info(c, networks);
        });
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        return locked(() -> containers.create(spec));
    }

    @Override
    public void startContainer(String container) {
        locked(() -> {
            FakeContainer c = store.container(container);
            if (!c.running()) {
                lifecycle.start(c);
            }
        });
    }

    /** The fake does not sleep out a grace period: a process ignoring the signal is killed at once. */
    @Override
    public void stopContainer(String container, Duration timeout) {
        locked(() -> {
            FakeContainer c = store.container(container);
            if (c.running()) {
                lifecycle.stop(c);
            }
        });
    }

    @Override
    public void killContainer(String container, String signal) {
        locked(() -> {
            FakeContainer c = store.container(container);
            int number;
            try {
                number = Signals.number(signal);
            } catch (IllegalArgumentException e) {
                throw EngineErrors.failure("Invalid signal: " + signal);
            }
            if (!c.running()) {
                throw EngineErrors.conflict("Cannot kill container: " + container + ": Container " + c.id
                        + " is not running");
            }
            lifecycle.kill(c, number);
        });
    }

    @Override
    public void pauseContainer(String container) {
        locked(() -> containers.pause(store.container(container), true));
    }

    @Override
    public void unpauseContainer(String container) {
        locked(() -> containers.pause(store.container(container), false));
    }

    @Override
    public void removeContainer(String container, boolean force, boolean removeVolumes) {
        locked(() -> containers.remove(store.container(container), force, removeVolumes));
    }

    @Override
    public void renameContainer(String container, String newName) {
        locked(() -> containers.rename(store.container(container), newName));
    }

    @Override
    public int waitContainer(String container) throws InterruptedException {
        store.lock.lock();
        try {
            FakeContainer c = store.container(container);
            while (c.running() && store.containers.containsKey(c.id)) {
                store.changed.await();
            }
            return c.exitCode;
        } finally {
            store.lock.unlock();
        }
    }

    @Override
    public Subscription logs(String container, LogOptions options, Consumer<LogFrame> sink) {
        return FakeLogs.stream(store, locked(() -> store.container(container)), options, sink);
    }

    @Override
    public ExecResult exec(String container, ExecSpec spec) {
        return stdio.exec(container, spec);
    }

    @Override
    public int execInteractive(String container, ExecSpec spec, Stdio streams) {
        return stdio.execInteractive(container, spec, streams);
    }

    @Override
    public void execDetached(String container, ExecSpec spec) {
        stdio.execDetached(container, spec);
    }

    @Override
    public Subscription attach(String container, boolean tty, Stdio streams) {
        return stdio.attach(container(container), tty, streams);
    }

    @Override
    public java.util.Optional<PathStat> statPath(String container, String path) {
        return files.stat(container(container), path);
    }

    @Override
    public InputStream copyFrom(String container, String path) {
        return files.archive(container(container), path);
    }

    @Override
    public void copyTo(String container, String path, InputStream tar, boolean copyOwnership) {
        files.extract(container(container), path, tar, copyOwnership);
    }

    private FakeContainer container(String ref) {
        return locked(() -> store.container(ref));
    }

    @Override
    public dev.jcompose.engine.ProcessList top(String container) {
        return locked(() -> containers.top(store.container(container)));
    }

    // --- networks ---

    @Override
    public List<NetworkInfo> listNetworks(List<String> labelFilters) {
        return locked(() -> networks.list(labelFilters));
    }

    @Override
    public NetworkInfo inspectNetwork(String network) {
        return locked(() -> networks.info(store.network(network)));
    }

    @Override
    public String createNetwork(NetworkSpec spec) {
        return locked(() -> networks.create(spec));
    }

    @Override
    public void connectNetwork(String container, EndpointSpec endpoint) {
        locked(() -> networks.connect(store.container(container), endpoint));
    }

    @Override
    public void disconnectNetwork(String network, String container, boolean force) {
        locked(() -> networks.disconnect(network, store.container(container)));
    }

    @Override
    public void removeNetwork(String network) {
        locked(() -> networks.remove(network));
    }

    // --- volumes ---

    @Override
    public List<VolumeInfo> listVolumes(List<String> labelFilters) {
        return locked(() -> volumes.list(labelFilters));
    }

    @Override
    public VolumeInfo inspectVolume(String name) {
        return locked(() -> volumes.inspect(name));
    }

    @Override
    public VolumeInfo createVolume(VolumeSpec spec) {
        return locked(() -> volumes.create(spec));
    }

    @Override
    public void removeVolume(String name, boolean force) {
        locked(() -> volumes.remove(name, force));
    }

    // --- images ---

    @Override
    public List<ImageSummary> listImages(String referenceFilter) {
        return locked(() -> images.list(referenceFilter));
    }

    @Override
    public ImageInfo inspectImage(String image) {
        return locked(() -> images.inspect(image));
    }

    @Override
    public void removeImage(String image, boolean force) {
        locked(() -> {
            String id = images.inspect(image).id();
            images.remove(image, force, store.containers.values().stream().filter(c -> c.image.id().equals(id))
                    .map(c -> c.id).toList());
        });
    }

    @Override
    public void tagImage(String source, String target) {
        locked(() -> images.tag(source, target));
    }

    @Override
    public void pullImage(String reference, Consumer<String> progress) {
        locked(() -> images.pull(reference, progress));
    }

    @Override
    public void pushImage(String reference, Consumer<String> progress) {
        locked(() -> {
            images.push(reference, progress);
            return null;
        });
    }

    @Override
    public void loadImage(InputStream archive) {
        List<FakeArchive.LoadedImage> loaded = FakeArchive.read(archive);
        locked(() -> images.load(loaded));
    }

    @Override
    public String buildImage(BuildSpec spec, Consumer<String> progress) {
        return builds.build(spec, progress, images, store.lock);
    }

    // --- events ---

    @Override
    public Subscription events(EventFilter filter, Consumer<EngineEvent> sink) {
        return store.events.subscribe(filter, sink);
    }

    @Override
    public void close() {
    }
}
