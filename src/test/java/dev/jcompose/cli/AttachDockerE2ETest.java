package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.engine.EngineFixture;
import dev.jcompose.engine.EventFilter;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.engine.Subscription;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `attach` on dockerd: only new output, stdin to a stdin_open container, the container's exit code. */
@Tag("docker")
class AttachDockerE2ETest {
    static final String YAML = """
            services:
              talk:
                image: jcompose/busybox:latest
                stdin_open: true
                command: ["sh", "-c", "echo ready; while read l; do echo got $$l; [ $$l = quit ] && exit 6; done"]
              ticker:
                image: jcompose/busybox:latest
                command: ["sh", "-c", "trap 'echo bye; exit 3' TERM; echo start; sleep 600 & wait"]
            """;

    @TempDir
    Path dir;
    DockerProjectCli cli;

    @BeforeAll
    static void busybox() throws Exception {
        DockerProjectCli.ensureBusybox();
    }

    @BeforeEach
    void project() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), YAML);
        cli = new DockerProjectCli("jct-att-", dir.resolve("compose.yaml"));
        DockerProjectCli.Run up = cli.run("up", "-d");
        assertEquals(0, up.code(), up.err());
    }

    @AfterEach
    void down() {
        cli.close();
    }

    private void awaitLog(String service, String text) throws Exception {
        String id = cli.containerId(service);
        try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4)) {
            assertTrue(EngineFixture.eventually(Duration.ofSeconds(30), () -> {
                try {
                    return engine.engine().readLogs(id, LogOptions.ALL).stream().anyMatch(f -> f.text().contains(text));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }), service + " printed " + text);
        }
    }

    @Test
    void stdinReachesAStdinOpenContainerAndItsExitCodeIsReturned() throws Exception {
        awaitLog("talk", "ready");
        // stdin stays open: docker (like dockerd's attach) stops copying output once the attached stdin ends
        try (PipedOutputStream typing = new PipedOutputStream();
                PipedInputStream stdin = new PipedInputStream(typing)) {
            typing.write("hello\nquit\n".getBytes(StandardCharsets.UTF_8));
            DockerProjectCli.Run r = cli.runWithStdin(stdin, "attach", "talk");
            assertEquals(6, r.code(), r.err());
            assertEquals("got hello\ngot quit\n", r.out(), "output from the attach on, not what was printed before");
        }
    }

    @Test
    void noStdinStreamsUntilTheContainerStops() throws Exception {
        awaitLog("ticker", "start");
        String id = cli.containerId("ticker");
        try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4);
                Subscription stopper = engine.engine().events(new EventFilter(Set.of("container"), List.of(), null,
                        null), e -> {
                            if (e.action().equals("attach") && e.actorId().equals(id)) {
                                Thread.ofVirtual().start(() -> engine.engine().stopContainer(id,
                                        Duration.ofSeconds(10)));
                            }
                        })) {
            DockerProjectCli.Run r = cli.run("attach", "--no-stdin", "--sig-proxy=false", "ticker");
            assertEquals(3, r.code(), r.err());
            assertEquals("bye\n", r.out());
        }
        DockerProjectCli.Run stopped = cli.run("attach", "ticker");
        assertEquals(1, stopped.code());
        assertTrue(stopped.err().contains("service \"ticker\" is not running"), stopped.err());
    }
}
