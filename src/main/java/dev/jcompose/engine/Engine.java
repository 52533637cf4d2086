package dev.jcompose.engine;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What compose needs from a container engine, and no more. Identifiers accept an id, a unique id prefix or
 * a name, like the Docker API. Implementations are thread-safe; calls may run in parallel (--parallel).
 * Every failure is a ComposeException: NOT_FOUND (no such object), CONFLICT (name in use, object in use,
 * port allocated) or ENGINE (anything else), with the engine's message.
 */
public interface Engine extends AutoCloseable {

    // --- engine ---

    /** Fails with ENGINE when the engine cannot be reached. */
    void ping();

    EngineInfo info();

    // --- containers ---

    /** Containers whose labels match every filter ("key" or "key=value"); stopped ones too when asked. */
    List<ContainerSummary> listContainers(List<String> labelFilters, boolean includeStopped);

    ContainerInfo inspectContainer(String container);

    default Optional<ContainerInfo> findContainer(String container) {
        try {
            return Optional.of(inspectContainer(container));
        } catch (RuntimeException e) {
            if (EngineErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Creates the container attached to its first network, then connects the other networks (before any
     * start, as compose does). Returns the id. A name in use is a CONFLICT; an image that is not present
     * locally is NOT_FOUND (this call never pulls).
     */
    String createContainer(ContainerSpec spec);

    /** Starting a running container is a no-op. */
    void startContainer(String container);

    /**
     * Sends the stop signal, waits up to {@code timeout} (null = the container's stop timeout, default 10 s),
     * then SIGKILL. Stopping a stopped container is a no-op.
     */
    void stopContainer(String container, Duration timeout);

    /** signal: "SIGTERM", "TERM" or "15". Fails with CONFLICT when the container is not running. */
    void killContainer(String container, String signal);

    void pauseContainer(String container);

    void unpauseContainer(String container);

    /** A running container needs force (CONFLICT otherwise); removeVolumes drops its anonymous volumes. */
    void removeContainer(String container, boolean force, boolean removeVolumes);

    /** newName in use → CONFLICT. */
    void renameContainer(String container, String newName);

    /** Blocks until the container is not running and returns its exit code (0 for a never started one). */
    int waitContainer(String container) throws InterruptedException;

    /** Streams log lines to {@code sink}; without follow the stream ends at the current end of the log. */
    Subscription logs(String container, LogOptions options, Consumer<LogFrame> sink);

    /** Reads the log up to now (no follow). */
    default List<LogFrame> readLogs(String container, LogOptions options) throws InterruptedException {
        List<LogFrame> frames = new ArrayList<>();
        LogOptions once = new LogOptions(false, options.since(), options.until(), options.tail(), options.stdout(),
                options.stderr());
        try (Subscription subscription = logs(container, once, frame -> {
            synchronized (frames) {
                frames.add(frame);
            }
        })) {
            subscription.awaitCompletion();
        }
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /**
     * The processes of a running container as the engine's `ps` sees them (CONFLICT when it is not running).
     * Engines that cannot list processes fail with ENGINE.
     */
    default ProcessList top(String container) {
        throw EngineErrors.failure("listing the processes of a container is not supported by this engine");
    }

    /**
     * A `docker stats` reading. {@code withPrevious}: the engine takes a second reading a second later so the
     * answer carries CPU deltas (what `stats --no-stream` needs); otherwise it answers at once (one-shot).
     */
    default ResourceUsage stats(String container, boolean withPrevious) {
        throw EngineErrors.failure("resource usage statistics are not supported by this engine");
    }

    /** Runs a command in a running container to completion (CONFLICT when the container is not running). */
    ExecResult exec(String container, ExecSpec spec) throws InterruptedException;

    // --- networks ---

    /** Networks whose labels match every filter; an empty filter list returns all (bridge, host, none too). */
    List<NetworkInfo> listNetworks(List<String> labelFilters);

    NetworkInfo inspectNetwork(String network);

    /** Returns the id. A name in use is a CONFLICT. */
    String createNetwork(NetworkSpec spec);

    /** Attaches {@code container} to {@code endpoint.network()} with its aliases and addresses. */
    void connectNetwork(String container, EndpointSpec endpoint);

    void disconnectNetwork(String network, String container, boolean force);

    /** A network with attached containers cannot be removed (CONFLICT). */
    void removeNetwork(String network);

    // --- volumes ---

    List<VolumeInfo> listVolumes(List<String> labelFilters);

    VolumeInfo inspectVolume(String name);

    /** Creating an existing volume with the same driver returns it unchanged, as Docker does. */
    VolumeInfo createVolume(VolumeSpec spec);

    /** A volume used by a container cannot be removed (CONFLICT), even with force. */
    void removeVolume(String name, boolean force);

    // --- images ---

    /** Images, optionally only those matching a reference pattern ("jcompose/*", "busybox:latest"). */
    List<ImageSummary> listImages(String referenceFilter);

    ImageInfo inspectImage(String image);

    default Optional<ImageInfo> findImage(String image) {
        try {
            return Optional.of(inspectImage(image));
        } catch (RuntimeException e) {
            if (EngineErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Untags, and deletes when the last tag goes. Used by a container → CONFLICT unless force. */
    void removeImage(String image, boolean force);

    void tagImage(String source, String target);

    /** Pulls from a registry; progress gets one status line per update. */
    void pullImage(String reference, Consumer<String> progress);

    /**
     * Pushes a local image (by its reference, which names the registry) with anonymous credentials; progress gets
     * one status line per update. A reference not present locally is NOT_FOUND; a refused push is ENGINE with the
     * registry's message.
     */
    default void pushImage(String reference, Consumer<String> progress) {
        throw EngineErrors.failure("pushing images is not supported by this engine");
    }

    /** Loads a `docker save` archive (tar). */
    void loadImage(InputStream archive);

    /**
     * Builds an image from a context tar with the classic builder and tags it with every tag of the spec; progress
     * gets the build's output line by line. Returns the image id. A failing build is a {@link BuildFailedException}
     * carrying the engine's message and status; nothing is left tagged by it.
     */
    default String buildImage(BuildSpec spec, Consumer<String> progress) {
        throw EngineErrors.failure("this engine cannot build images");
    }

    // --- interactive streams and archives (run, exec, cp) ---

    /**
     * Attaches to a container's stdio; call it before start so no output is missed. Output is copied to
     * {@code stdio} (a tty container has a single stream, delivered on stdout) until the container's output
     * ends, which the subscription's awaitCompletion reports. stdin, when given, is copied until its end and
     * then closed towards the container, which sees EOF if it was created with stdinOnce.
     */
    default Subscription attach(String container, boolean tty, Stdio stdio) {
        throw EngineErrors.failure("attaching to a container is not supported by this engine");
    }

    /** Sets the size of a running container's tty (run -t in a terminal). */
    default void resizeTty(String container, int rows, int columns) {
    }

    /**
     * Runs a command in a running container with its stdio connected to {@code stdio} and returns its exit
     * code (CONFLICT when the container is not running). spec.tty() gives the command a terminal, whose
     * output all arrives on stdout; stdio.size() then sets its size.
     */
    default int execInteractive(String container, ExecSpec spec, Stdio stdio) throws InterruptedException {
        throw EngineErrors.failure("interactive exec is not supported by this engine");
    }

    /** Starts a command in a running container and returns at once (exec -d). */
    default void execDetached(String container, ExecSpec spec) {
        throw EngineErrors.failure("detached exec is not supported by this engine");
    }

    /** What is at {@code path} in the container, without following a final symlink; empty when nothing is. */
    default Optional<PathStat> statPath(String container, String path) {
        throw EngineErrors.failure("reading container files is not supported by this engine");
    }

    /**
     * A tar archive of {@code path} (a file or a whole directory tree) whose root entry is named after the
     * path's last element; NOT_FOUND when there is nothing at the path. The caller closes the stream.
     */
    default InputStream copyFrom(String container, String path) {
        throw EngineErrors.failure("reading container files is not supported by this engine");
    }

    /**
     * Extracts a tar archive into the directory {@code path} of the container, which must exist.
     * copyOwnership keeps the archive's uid/gid (cp -a); otherwise files belong to the container's user.
     */
    default void copyTo(String container, String path, InputStream tar, boolean copyOwnership) {
        throw EngineErrors.failure("writing container files is not supported by this engine");
    }

    // --- events ---

    Subscription events(EventFilter filter, Consumer<EngineEvent> sink);

    /** Releases connections; further calls fail. */
    @Override
    void close();
}
