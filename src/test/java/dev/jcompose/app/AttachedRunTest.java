package dev.jcompose.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.engine.fake.FakeProcess;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.ProjectLoader;
import dev.jcompose.model.Project;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attached phase of `up` below the CLI: what Ctrl-C (stopGracefully) and a second Ctrl-C (kill) do, and
 * restart-policy restarts seen through the monitor.
 */
class AttachedRunTest {
    @TempDir
    Path dir;
    FakeEngine fake;
    EngineSelector.Selected selected;
    final List<String> seen = new ArrayList<>();

    final LogSink sink = new LogSink() {
        @Override
        public void attach(List<String> sources) {
            record("attach " + String.join(",", sources));
        }

        @Override
        public void log(String source, LogFrame frame) {
            record(source + "|" + frame.text().strip());
        }

        @Override
        public void status(String source, String message) {
            record(source + " " + message);
        }
    };

    private void record(String line) {
        synchronized (seen) {
            seen.add(line);
            seen.notifyAll();
        }
    }

    private void awaitSeen(String line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (seen) {
            while (!seen.contains(line)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("never saw " + line + " in " + seen);
                }
                seen.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    @BeforeEach
    void engine() {
        fake = new FakeEngine();
        fake.addImage("busybox:latest", ImageConfig.EMPTY);
        selected = new EngineSelector.Selected(fake, "fake", URI.create("fake:/"), false);
    }

    private Project up(String yaml) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), yaml);
        Project p = ProjectLoader.load(LoadOptions.defaults(dir, Map.of())).project();
        new ComposeApp(selected, p, ProgressListener.NONE, -1, Map.of("JCOMPOSE_LOCK_WAIT", "30"))
                .up(UpRequest.defaults());
        return p;
    }

    private AttachedRun attached(Project p, Instant since) {
        ContainerLifecycle lifecycle = new ContainerLifecycle(selected, p.name(), p, ProgressListener.NONE, -1);
        return new AttachedRun(selected, p.name(), lifecycle, sink, () -> record("aborting"),
                new AttachedRun.Options(List.of(), List.of(), List.of(), AttachedRun.Cascade.IGNORE, null, null,
                        since));
    }

    private CompletableFuture<Integer> runInBackground(AttachedRun run) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(run.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private ContainerSummary container(String name) {
        return fake.listContainers(List.of("com.docker.compose.project=demo"), true).stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static final String TWO_SERVICES = """
            name: demo
            services:
              db:
                image: busybox:latest
              web:
                image: busybox:latest
                depends_on: [db]
            """;

    @Test
    void stopGracefullyStopsWithoutRemovingAndTheRunEnds() throws Exception {
        fake.program("demo-db-1", FakeProcess.SERVICE.exitingOnStop(0));
        fake.program("demo-web-1", FakeProcess.SERVICE.exitingOnStop(143));
        Instant since = Instant.now();
        AttachedRun run = attached(up(TWO_SERVICES), since);
        CompletableFuture<Integer> result = runInBackground(run);
        awaitSeen("attach db-1,web-1");
        run.stopGracefully();
        assertEquals(0, result.get(20, TimeUnit.SECONDS), "without an abort flag the code stays 0");
        assertEquals(ContainerState.EXITED, container("demo-db-1").state());
        assertEquals(ContainerState.EXITED, container("demo-web-1").state());
        assertTrue(seen.contains("web-1 exited with code 143"), seen.toString());
        assertTrue(seen.indexOf("web-1 exited with code 143") < seen.indexOf("db-1 exited with code 0"),
                "dependents stop first: " + seen);
    }

    @Test
    void killEndsContainersThatIgnoreTheStopSignal() throws Exception {
        fake.program("demo-db-1", FakeProcess.SERVICE.ignoringStopSignal());
        fake.program("demo-web-1", FakeProcess.SERVICE.ignoringStopSignal());
        AttachedRun run = attached(up(TWO_SERVICES), Instant.now());
        CompletableFuture<Integer> result = runInBackground(run);
        awaitSeen("attach db-1,web-1");
        run.kill();
        assertEquals(0, result.get(20, TimeUnit.SECONDS));
        assertTrue(seen.contains("db-1 exited with code 137"), seen.toString());
        assertTrue(seen.contains("web-1 exited with code 137"), seen.toString());
    }

    @Test
    void aRestartPolicyRestartIsReportedAndFollowed() throws Exception {
        fake.program("demo-db-1", FakeProcess.SERVICE.printing("db up"));
        Project p = up("""
                name: demo
                services:
                  db:
                    image: busybox:latest
                    restart: always
                """);
        AttachedRun run = attached(p, Instant.now());
        CompletableFuture<Integer> result = runInBackground(run);
        awaitSeen("attach db-1");
        fake.exit(container("demo-db-1").id(), 1);
        awaitSeen("db-1 exited with code 1 (restarting)");
        awaitSeen("db-1|db up");
        assertEquals(ContainerState.RUNNING, container("demo-db-1").state());
        run.stopGracefully();
        assertEquals(0, result.get(20, TimeUnit.SECONDS));
        assertTrue(seen.contains("db-1 exited with code 0"), seen.toString());
    }

    @Test
    void abortStopsAtTheFirstExitAndReportsItsCode() throws Exception {
        fake.program("demo-db-1", FakeProcess.SERVICE);
        fake.program("demo-web-1", FakeProcess.exitsWith(4));
        Project p = up(TWO_SERVICES);
        ContainerLifecycle lifecycle = new ContainerLifecycle(selected, p.name(), p, ProgressListener.NONE, -1);
        AttachedRun run = new AttachedRun(selected, p.name(), lifecycle, sink, () -> record("aborting"),
                new AttachedRun.Options(List.of(), List.of(), List.of(), AttachedRun.Cascade.STOP, null,
                        Duration.ofSeconds(1), Instant.EPOCH));
        assertEquals(4, run.run());
        assertTrue(seen.indexOf("web-1 exited with code 4") < seen.indexOf("aborting"), seen.toString());
        assertEquals(ContainerState.EXITED, container("demo-db-1").state());
    }
}
