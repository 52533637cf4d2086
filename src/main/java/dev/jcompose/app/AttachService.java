package dev.jcompose.app;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.Stdio;
import dev.jcompose.engine.Subscription;
import dev.jcompose.error.ComposeException;
import java.time.Duration;

/**
 * `attach`: the local stdio connected to a running container of a service, as docker compose attach does through
 * the docker CLI's attach: output streamed until the container's output ends, stdin sent when the container was
 * created with stdin_open (and not --no-stdin), the detach keys ending a tty session early ("read escape
 * sequence"), and the container's exit code as the result.
 */
public final class AttachService {
    /** What was asked: the service's replica (index 0 = the first), --no-stdin, --detach-keys (null = default). */
    public record Request(String service, int index, boolean noStdin, String detachKeys) {
    }

    /** The container attached to: whether it has a tty and whether stdin goes to it. */
    public record Target(String id, String name, boolean tty, boolean stdin) {
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final Engine engine;
    private final ServiceContainers containers;

    public AttachService(Engine engine, String projectName) {
        this.engine = engine;
        this.containers = new ServiceContainers(engine, projectName);
    }

    /** The running container to attach to; fails as docker does for a paused or restarting one. */
    public Target target(Request req) {
        DetachKeys.parse(req.detachKeys()); // a bad sequence fails before anything happens
        ContainerSummary c = containers.specified(ServiceContainers.OneOff.INCLUDE, false, req.service(),
                req.index());
        ContainerInfo info = engine.inspectContainer(c.id());
        check(info);
        return new Target(info.id(), info.name(), info.config().tty(), !req.noStdin() && info.config().stdinOpen());
    }

    private static void check(ContainerInfo info) {
        ContainerState state = info.state();
        if (state == ContainerState.PAUSED) {
            throw new ComposeException(ComposeException.Kind.CONFLICT,
                    "cannot attach to a paused container, unpause it first");
        }
        if (state == ContainerState.RESTARTING) {
            throw new ComposeException(ComposeException.Kind.CONFLICT,
                    "cannot attach to a restarting container, wait until it is running");
        }
        if (state != ContainerState.RUNNING) {
            throw new ComposeException(ComposeException.Kind.CONFLICT,
                    "cannot attach to a stopped container, start it first");
        }
    }

    /**
     * Streams until the container's output ends and returns its exit code. With a tty and stdin, typing the detach
     * keys ends the session at once, leaving the container running: a failure "read escape sequence", as docker.
     * {@code attached} runs once the stream is open (the CLI sizes the tty and forwards signals then).
     */
    public int attach(Target target, Request req, Stdio stdio, Runnable attached) {
        DetachKeys.EscapeInputStream escape = target.stdin() && target.tty() && stdio.stdin() != null
                ? new DetachKeys.EscapeInputStream(stdio.stdin(), DetachKeys.parse(req.detachKeys())) : null;
        GatedInputStream input = target.stdin() && stdio.stdin() != null
                ? new GatedInputStream(escape != null ? escape : stdio.stdin()) : null;
        Stdio streams = new Stdio(input, stdio.stdout(), stdio.stderr(), stdio.size());
        try {
            try (Subscription output = engine.attach(target.id(), target.tty(), streams)) {
                // docker re-checks once attached (a container stopped meanwhile would leave the attach waiting),
                // and only then sends input: input first could end the container before the check.
                try {
                    check(engine.inspectContainer(target.id()));
                } finally {
                    if (input != null) {
                        input.open();
                    }
                }
                attached.run();
                while (!output.awaitCompletion(POLL)) {
                    if (escape != null && escape.isDetached()) {
                        throw new ComposeException(ComposeException.Kind.ENGINE, "read escape sequence");
                    }
                }
            }
            return engine.waitContainer(target.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "attach interrupted");
        }
    }

    /** stdin held back until {@link #open()}: the attach is established and checked before input flows. */
    static final class GatedInputStream extends java.io.FilterInputStream {
        private final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);

        GatedInputStream(java.io.InputStream in) {
            super(in);
        }

        void open() {
            gate.countDown();
        }

        @Override
        public int read() throws java.io.IOException {
            await();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            await();
            return super.read(b, off, len);
        }

        private void await() throws java.io.IOException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("attach input interrupted");
            }
        }
    }
}
