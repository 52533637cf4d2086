package dev.jcompose.engine.fake;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.ExecResult;
import dev.jcompose.engine.ExecSpec;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.engine.Stdio;
import dev.jcompose.engine.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Exec (captured, interactive, detached) and attach. A scripted handler answers every exec; what an
 * interactive exec or an attach reads from stdin is recorded for tests. An attach streams the container's
 * log from its first start (or, on a running container, from the attach) until it stops, which is what a real
 * attach sees of a program's output.
 */
final class FakeStdio {
    /** What one interactive exec or attach received on stdin. */
    record Input(String containerName, List<String> cmd, String text) {
    }

    private final FakeStore store;
    private final FakeNetworks networks;
    private volatile BiFunction<ContainerInfo, ExecSpec, ExecResult> handler = (c, e) -> new ExecResult(0, "", "");
    private final List<Input> inputs = new ArrayList<>();

    FakeStdio(FakeStore store, FakeNetworks networks) {
        this.store = store;
        this.networks = networks;
    }

    void handler(BiFunction<ContainerInfo, ExecSpec, ExecResult> h) {
        this.handler = h;
    }

    List<Input> inputs() {
        synchronized (inputs) {
            return List.copyOf(inputs);
        }
    }

    ExecResult exec(String container, ExecSpec spec) {
        ContainerInfo info = begin(container, spec);
        // The handler runs unlocked: it is test code and may call back into the engine.
        ExecResult result = handler.apply(info, spec);
        end(info, result.exitCode());
        return result;
    }

    int execInteractive(String container, ExecSpec spec, Stdio stdio) {
        ContainerInfo info = begin(container, spec);
        record(info.name(), spec.cmd(), stdio.stdin());
        ExecResult result = handler.apply(info, spec);
        write(stdio.stdout(), result.stdout());
        write(spec.tty() ? stdio.stdout() : stdio.stderr(), result.stderr());
        end(info, result.exitCode());
        return result.exitCode();
    }

    void execDetached(String container, ExecSpec spec) {
        ContainerInfo info = begin(container, spec);
        Thread.ofVirtual().name("fake-exec-" + info.name()).start(() -> end(info, handler.apply(info, spec)
                .exitCode()));
    }

    Subscription attach(FakeContainer c, boolean tty, Stdio stdio) {
        if (stdio.stdin() != null) {
            Thread.ofVirtual().name("fake-attach-stdin-" + c.name).start(() -> record(c.name, List.of(),
                    stdio.stdin()));
        }
        // Attaching to a running container shows only what it prints from now on, as a real attach does.
        LogOptions options = running(c) ? LogOptions.FOLLOW.withTail(0) : LogOptions.FOLLOW;
        store.lock.lock();
        try {
            store.publish("container", "attach", c.id, FakeLifecycle.attributes(c, Map.of())); // as dockerd does
        } finally {
            store.lock.unlock();
        }
        return new ThreadSubscription("fake-attach-" + c.name, self -> {
            store.lock.lock();
            try {
                while (c.startedAt == null && store.containers.containsKey(c.id) && !self.closed()) {
                    store.awaitChange(Duration.ofMillis(200));
                }
            } finally {
                store.lock.unlock();
            }
            try (Subscription logs = FakeLogs.stream(store, c, options, frame -> write(
                    frame.stream() == LogFrame.Stream.STDERR && !tty ? stdio.stderr() : stdio.stdout(),
                    frame.text()))) {
                logs.awaitCompletion();
            }
        }).start();
    }

    private boolean running(FakeContainer c) {
        store.lock.lock();
        try {
            return c.running();
        } finally {
            store.lock.unlock();
        }
    }

    private ContainerInfo begin(String container, ExecSpec spec) {
        store.lock.lock();
        try {
            FakeContainer c = store.container(container);
            if (!c.running()) {
                throw EngineErrors.conflict("Container " + c.id + " is not running");
            }
            if (c.state == ContainerState.PAUSED) {
                throw EngineErrors.conflict("Container " + c.id + " is paused, unpause the container before exec");
            }
            String cmd = String.join(" ", spec.cmd());
            store.publish("container", "exec_create: " + cmd, c.id, FakeLifecycle.attributes(c, Map.of()));
            store.publish("container", "exec_start: " + cmd, c.id, FakeLifecycle.attributes(c, Map.of()));
            return FakeSnapshots.info(c, networks);
        } finally {
            store.lock.unlock();
        }
    }

    private void end(ContainerInfo info, int exitCode) {
        store.lock.lock();
        try {
            if (store.containers.containsKey(info.id())) {
                store.publish("container", "exec_die", info.id(), Map.of("name", info.name(),
                        "exitCode", Integer.toString(exitCode)));
            }
        } finally {
            store.lock.unlock();
        }
    }

    private void record(String containerName, List<String> cmd, InputStream stdin) {
        if (stdin == null) {
            return;
        }
        String text;
        try {
            text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        synchronized (inputs) {
            inputs.add(new Input(containerName, cmd, text));
        }
    }

    private static void write(OutputStream out, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
