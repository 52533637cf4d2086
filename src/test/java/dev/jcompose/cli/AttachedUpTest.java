package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.engine.fake.FakeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `up` without -d against the in-memory engine: attach, exit statuses, abort and exit codes, selection. */
class AttachedUpTest {
    static final String YAML = """
            name: demo
            services:
              db:
                image: busybox:latest
              web:
                image: busybox:latest
                depends_on: [db]
            """;

    @TempDir
    Path dir;
    FakeEngine fake;
    FakeCli cli;

    @BeforeEach
    void project() throws IOException {
        fake = new FakeEngine();
        fake.addImage("busybox:latest", ImageConfig.EMPTY);
        Files.writeString(dir.resolve("compose.yaml"), YAML);
        cli = new FakeCli(fake, dir);
    }

    private static List<String> lines(String out, String prefix) {
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith(prefix)).toList();
    }

    private ContainerState state(String name) {
        return fake.listContainers(List.of("com.docker.compose.project=demo"), true).stream()
                .filter(c -> c.name().equals(name)).map(ContainerSummary::state).findFirst().orElseThrow();
    }

    private String id(String name) {
        return fake.listContainers(List.of("com.docker.compose.project=demo"), true).stream()
                .filter(c -> c.name().equals(name)).map(ContainerSummary::id).findFirst().orElseThrow();
    }

    @Test
    void showsEveryContainersOutputAndReturnsWhenAllHaveExited() {
        fake.program("demo-db-1", FakeProcess.exitsWith(0).printing("db ready").printingToStderr("db warning"));
        fake.program("demo-web-1", FakeProcess.exitsWith(3).printing("web hello").printing("web bye"));
        FakeCli.Result r = cli.run("up");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Attaching to db-1, web-1\n"), r.out());
        assertEquals(List.of("db-1   | db ready", "db-1 exited with code 0"), lines(r.out(), "db-1"), r.out());
        assertEquals(List.of("web-1  | web hello", "web-1  | web bye", "web-1 exited with code 3"),
                lines(r.out(), "web-1"), r.out());
        assertTrue(r.err().contains("db-1   | db warning\n"), "a container's stderr goes to stderr: " + r.err());
        assertTrue(r.err().contains(" Container demo-web-1  Started\n"), "convergence progress first: " + r.err());
    }

    @Test
    void exitCodeFromReturnsThatServicesCodeAndStopsTheRest() {
        fake.program("demo-web-1", FakeProcess.exitsWith(3).printing("web hello"));
        FakeCli.Result r = cli.run("up", "--exit-code-from", "web");
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("Aborting on container exit...\n"), r.err());
        assertEquals(ContainerState.EXITED, state("demo-db-1"), "stopped, not removed");
        assertTrue(r.out().contains("db-1 exited with code 0\n"), r.out());
    }

    @Test
    void abortOnContainerFailureIgnoresSuccessfulExits() {
        fake.program("demo-db-1", FakeProcess.exitsWith(0));
        fake.program("demo-web-1", FakeProcess.SERVICE);
        FakeCli.Running running = cli.start("", "up", "--abort-on-container-failure");
        try {
            running.awaitOut(o -> o.contains("db-1 exited with code 0\n"), Duration.ofSeconds(10));
            assertEquals(ContainerState.RUNNING, state("demo-web-1"), "a successful exit aborts nothing");
            fake.exit(id("demo-web-1"), 5);
            FakeCli.Result r = running.await(Duration.ofSeconds(20));
            assertEquals(5, r.code(), r.toString());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void attachSelectsWhoseOutputShowsAndWhoseExitEndsTheRun() {
        fake.program("demo-db-1", FakeProcess.SERVICE.printing("db ready"));
        fake.program("demo-web-1", FakeProcess.exitsWith(0).printing("web hello"));
        FakeCli.Result r = cli.run("up", "--attach", "web");
        assertEquals(0, r.code(), r.toString());
        assertEquals("Attaching to web-1\nweb-1  | web hello\nweb-1 exited with code 0\n", r.out());
        assertEquals(ContainerState.RUNNING, state("demo-db-1"), "not attached, not waited for, not stopped");
        FakeCli.Result noAttach = cli.run("up", "--no-attach", "db");
        assertEquals("Attaching to web-1\nweb-1  | web hello\nweb-1 exited with code 0\n", noAttach.out());
    }

    @Test
    void outputFromBeforeThisUpIsNotShownAgain() throws InterruptedException {
        fake.program("demo-db-1", FakeProcess.SERVICE.printing("db ready"));
        fake.program("demo-web-1", FakeProcess.SERVICE.printing("web ready"));
        assertEquals(0, cli.run("up", "-d").code());
        FakeCli.Running running = cli.start("", "up", "--no-log-prefix");
        running.awaitOut(o -> o.startsWith("Attaching to db-1, web-1\n"), Duration.ofSeconds(10));
        fake.appendLog(id("demo-web-1"), LogFrame.Stream.STDOUT, "new line");
        running.awaitOut(o -> o.contains("new line\n"), Duration.ofSeconds(10));
        fake.exit(id("demo-web-1"), 0);
        fake.exit(id("demo-db-1"), 0);
        FakeCli.Result r = running.await(Duration.ofSeconds(20));
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.out().contains("ready"), r.out());
        assertTrue(r.out().contains("web-1 exited with code 0\n"), "status lines keep the name: " + r.out());
    }

    @Test
    void timestampsPrefixEachLine() {
        fake.program("demo-db-1", FakeProcess.exitsWith(0).printing("db ready"));
        fake.program("demo-web-1", FakeProcess.exitsWith(0));
        FakeCli.Result r = cli.run("up", "--timestamps", "db");
        assertTrue(r.out().matches("(?s)Attaching to db-1\ndb-1  \\| \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}"
                + "(Z|[+-]\\d\\d:\\d\\d) db ready\n.*"), r.out());
    }

    @Test
    void flagCombinationsAreCheckedLikeCompose() {
        assertUsage("--detach cannot be combined with --abort-on-container-exit", "up", "-d",
                "--abort-on-container-exit");
        assertUsage("--abort-on-container-failure cannot be combined with --abort-on-container-exit", "up",
                "--abort-on-container-exit", "--abort-on-container-failure");
        assertUsage("cannot attach to services not included in up: nope", "up", "--attach", "nope");
        assertUsage("no such service: nope", "up", "--exit-code-from", "nope");
        assertUsage("--wait cannot be combined with", "up", "--wait", "--attach", "web");
        assertTrue(fake.listContainers(List.of(), true).isEmpty(), "nothing created");
    }

    private void assertUsage(String message, String... args) {
        FakeCli.Result r = cli.run(args);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void dryRunSaysAttachingIsNotSupported() {
        FakeCli.Result r = cli.run("--dry-run", "up");
        assertTrue(r.out().endsWith("end of 'compose up' output, interactive run is not supported in dry-run mode\n"),
                r.out());
        assertTrue(fake.listContainers(List.of(), true).isEmpty());
    }
}
