package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.ComposeApp;
import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.UpRequest;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.engine.fake.FakeProcess;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.ProjectLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `logs` through the CLI against the in-memory engine: prefixes, colors, selections, follow. */
class LogsCommandTest {
    static final Instant T = Instant.parse("2024-03-01T10:00:00Z");
    static final String YAML = """
            name: demo
            services:
              db:
                image: busybox:latest
              web:
                image: busybox:latest
                depends_on: [db]
            """;

    /** A clock tests move forward. */
    static final class MovableClock extends Clock {
        volatile Instant now = T;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;
    MovableClock clock = new MovableClock();
    FakeEngine fake;
    FakeCli cli;

    @BeforeEach
    void up() throws IOException {
        fake = new FakeEngine(clock);
        fake.addImage("busybox:latest", ImageConfig.EMPTY);
        fake.program("demo-db-1", FakeProcess.SERVICE.printing("db ready").printingToStderr("db warning"));
        fake.program("demo-web-1", FakeProcess.SERVICE.printing("web one").printing("web two"));
        fake.program("demo-web-2", FakeProcess.SERVICE.printing("second replica"));
        Files.writeString(dir.resolve("compose.yaml"), YAML);
        cli = new FakeCli(fake, dir);
        FakeCli.Result up = cli.run("up", "-d");
        assertEquals(0, up.code(), up.toString());
    }

    private static List<String> lines(String out, String prefix) {
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith(prefix)).toList();
    }

    @Test
    void everyContainerPrefixedWithItsNamePaddedToTheLongest() {
        FakeCli.Result r = cli.run("logs");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("db-1   | db ready", "db-1   | db warning"), lines(r.out(), "db-1"), r.out());
        assertEquals(List.of("web-1  | web one", "web-1  | web two"), lines(r.out(), "web-1"), r.out());
        assertEquals(4, r.out().split("\n").length, r.out());
        assertEquals("", r.err());
    }

    @Test
    void selectedServicesPrefixesAndTail() {
        assertEquals("web-1  | web one\nweb-1  | web two\n", cli.run("logs", "web").out());
        assertEquals("web one\nweb two\n", cli.run("logs", "--no-log-prefix", "web").out());
        assertEquals("web-1  | web two\n", cli.run("logs", "-n", "1", "web").out());
        assertEquals("web-1  | web one\nweb-1  | web two\n", cli.run("logs", "--tail", "all", "web").out());
        assertEquals("web-1  | 2024-03-01T10:00:00.000000000Z web one\nweb-1  | 2024-03-01T10:00:00.000000000Z "
                + "web two\n", cli.run("logs", "-t", "web").out());
    }

    @Test
    void colorsRotateInNameOrderWhenAnsiIsOn() {
        FakeCli.Result r = cli.run("--ansi", "always", "logs", "-n", "1");
        assertTrue(r.out().contains("\u001b[36mdb-1   | \u001b[0mdb warning\n"), r.out());
        assertTrue(r.out().contains("\u001b[33mweb-1  | \u001b[0mweb two\n"), r.out());
        assertTrue(!cli.run("--ansi", "always", "logs", "--no-color").out().contains("\u001b["));
    }

    @Test
    void sinceAndUntilSelectByTheEnginesTimestamps() {
        clock.now = T.plus(Duration.ofMinutes(10));
        String web = fake.listContainers(List.of("com.docker.compose.service=web"), false).getFirst().id();
        fake.appendLog(web, LogFrame.Stream.STDOUT, "later");
        assertEquals("web-1  | later\n", cli.run("logs", "--since", "2024-03-01T10:05:00Z", "web").out());
        assertEquals("web-1  | web one\nweb-1  | web two\n", cli.run("logs", "--until", "2024-03-01T10:05:00Z",
                "web").out());
        FakeCli.Result bad = cli.run("logs", "--since", "tomorrow");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("failed to parse value as time or duration: \"tomorrow\""), bad.err());
    }

    @Test
    void indexPicksOneReplica() throws IOException {
        app().up(new UpRequest(List.of(), false, false, false, false, false, false, false, Map.of("web", 2), null,
                false, false, null, null, false));
        assertEquals("web-2  | second replica\n", cli.run("logs", "--index", "2", "web").out());
        FakeCli.Result noService = cli.run("logs", "--index", "2");
        assertEquals(2, noService.code());
        assertTrue(noService.err().contains("--index requires one service to be selected"), noService.err());
        assertTrue(cli.run("logs", "--index", "7", "web").err().contains("service \"web\" is not running container "
                + "#7"));
    }

    private ComposeApp app() throws IOException {
        return new ComposeApp(new EngineSelector.Selected(fake, "fake", URI.create("fake:/"), false),
                ProjectLoader.load(LoadOptions.defaults(dir, Map.of())).project(), ProgressListener.NONE, -1,
                Map.of("JCOMPOSE_LOCK_WAIT", "30"));
    }

    private String id(String name) {
        return fake.listContainers(List.of("com.docker.compose.project=demo"), true).stream()
                .filter(c -> c.name().equals(name)).map(ContainerSummary::id).findFirst().orElseThrow();
    }

    @Test
    void followPrintsNewLinesPicksUpNewContainersAndEndsWhenAllHaveExited() throws Exception {
        FakeCli.Running following = cli.start("", "logs", "-f");
        following.awaitOut(o -> o.contains("web-1  | web two\n") && o.contains("db-1   | db warning\n"),
                Duration.ofSeconds(10));
        fake.appendLog(id("demo-web-1"), LogFrame.Stream.STDOUT, "live line");
        following.awaitOut(o -> o.contains("web-1  | live line\n"), Duration.ofSeconds(10));
        app().up(new UpRequest(List.of(), false, false, false, false, false, false, false, Map.of("web", 2), null,
                false, false, null, null, false));
        following.awaitOut(o -> o.contains("web-2  | second replica\n"), Duration.ofSeconds(10));
        fake.exit(id("demo-web-1"), 0);
        fake.exit(id("demo-web-2"), 2);
        fake.exit(id("demo-db-1"), 137);
        FakeCli.Result r = following.await(Duration.ofSeconds(20));
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("web-1 exited with code 0\n"), r.out());
        assertTrue(r.out().contains("web-2 exited with code 2\n"), r.out());
        assertTrue(r.out().contains("db-1 exited with code 137\n"), r.out());
        assertTrue(r.out().indexOf("web-2  | second replica") < r.out().indexOf("web-2 exited"), r.out());
    }
}
