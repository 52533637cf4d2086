package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.EventFilter;
import dev.jcompose.engine.Subscription;
import dev.jcompose.engine.fake.FakeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `attach` through the CLI on the fake engine: target, streams, exit code, detach keys and refusals. */
class AttachCommandTest {
    static final String YAML = """
            services:
              web:
                image: busybox:latest
                stdin_open: true
              term:
                image: busybox:latest
                stdin_open: true
                tty: true
            """;

    @TempDir
    Path dir;
    ServiceCli cli;

    @BeforeEach
    void up() {
        cli = new ServiceCli(dir, YAML);
        cli.fake.program("demo-web-1", FakeProcess.SERVICE.printing("old line").exitingOnStop(3));
        cli.fake.program("demo-web-2", FakeProcess.SERVICE.exitingOnStop(4));
        ServiceCli.Result up = cli.run("scale", "web=2", "term=1"); // scale runs on the test engine
        assertEquals(0, up.code(), up.err());
    }

    private String id(String name) {
        return cli.fake.listContainers(List.of("com.docker.compose.project=demo"), true).stream()
                .filter(c -> c.name().equals(name)).map(ContainerSummary::id).findFirst().orElseThrow();
    }

    /** Stops {@code name} shortly after someone attaches to it (the attach is what ends the test). */
    private Subscription stopOnAttach(String name) {
        String id = id(name);
        return cli.fake.events(new EventFilter(Set.of("container"), List.of(), null, null), e -> {
            if (e.action().equals("attach") && e.actorId().equals(id)) {
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                    cli.fake.stopContainer(id, Duration.ZERO);
                });
            }
        });
    }

    @Test
    void attachesUntilTheContainerExitsAndReturnsItsExitCode() {
        cli.stdin = "typed\n";
        try (Subscription s = stopOnAttach("demo-web-1")) {
            ServiceCli.Result r = cli.run("attach", "web");
            assertEquals(3, r.code(), r.err());
            assertFalse(r.out().contains("old line"), "output printed before the attach is not replayed: " + r.out());
        }
        assertEquals("demo-web-1: typed\n", cli.fake.stdinReceived().getLast(), "stdin_open: stdin is sent");
    }

    @Test
    void indexPicksTheReplicaAndNoStdinSendsNothing() {
        int before = cli.fake.stdinReceived().size();
        cli.stdin = "ignored\n";
        try (Subscription s = stopOnAttach("demo-web-2")) {
            ServiceCli.Result r = cli.run("attach", "--index", "2", "--no-stdin", "web");
            assertEquals(4, r.code(), r.err());
        }
        assertEquals(before, cli.fake.stdinReceived().size());
    }

    @Test
    void detachKeysEndATtySessionAndLeaveTheContainerRunning() {
        cli.stdinTerminal = true;
        cli.stdin = "ab\u0010\u0011never sent";
        ServiceCli.Result r = cli.run("attach", "term");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("read escape sequence"), r.err());
        assertEquals("demo-term-1: ab", cli.fake.stdinReceived().getLast());
        assertTrue(cli.fake.inspectContainer("demo-term-1").state().isUp());

        cli.stdin = "x-\u0018y\u0018-tail";
        ServiceCli.Result custom = cli.run("attach", "--detach-keys", "ctrl-x,-", "term");
        assertTrue(custom.err().contains("read escape sequence"), custom.err());
        assertEquals("demo-term-1: x-\u0018y", cli.fake.stdinReceived().getLast(), "a partial sequence is passed on");
    }

    @Test
    void refusalsMatchDocker() {
        ServiceCli.Result bad = cli.run("attach", "--detach-keys", "ctrl-1", "web");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("invalid detach keys (ctrl-1): Unknown character: 'ctrl-1'"), bad.err());

        ServiceCli.Result noTty = cli.run("attach", "term");
        assertEquals(1, noTty.code());
        assertTrue(noTty.err().contains("the input device is not a TTY"), noTty.err());

        cli.fake.pauseContainer("demo-web-1");
        ServiceCli.Result paused = cli.run("attach", "web");
        assertTrue(paused.err().contains("cannot attach to a paused container, unpause it first"), paused.err());

        ServiceCli.Result missing = cli.run("attach", "--index", "5", "web");
        assertTrue(missing.err().contains("service \"web\" is not running container #5"), missing.err());
    }
}
