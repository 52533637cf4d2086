package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.EngineFixture;
import dev.jcompose.engine.EventFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run, exec, cp, scale and wait end to end: dev.jcompose.cli.Main.run against this machine's dockerd, with
 * the busybox image from scripts/make-busybox-image.sh. Each test has its own project (jct-run-*), taken down
 * with its volumes afterwards, whatever happened.
 */
@Tag("docker")
class RunExecE2ETest {
    static final String IMAGE = "jcompose/busybox:latest";
    static final String YAML = """
            services:
              web:
                image: jcompose/busybox:latest
                command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
                volumes: [/scratch]
              job:
                image: jcompose/busybox:latest
                command: ["sh", "-c", "sleep 1; exit 7"]
                profiles: [jobs]
            """;

    @TempDir
    Path dir;
    String project;
    Path file;

    /** Exit code and what went to stdout and stderr. */
    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void busybox() throws Exception {
        Process p = new ProcessBuilder("scripts/make-busybox-image.sh", IMAGE).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("scripts/make-busybox-image.sh failed:\n" + output);
        }
    }

    @BeforeEach
    void project() throws Exception {
        project = "jct-run-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        file = dir.resolve("compose.yaml");
        Files.writeString(file, YAML);
    }

    @AfterEach
    void down() {
        try {
            jcompose("--profile", "jobs", "down", "-v", "--remove-orphans", "-t", "0");
        } finally {
            // One-off containers too, whatever down decides about them.
            try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4)) {
                for (ContainerSummary c : containers(engine, true)) {
                    engine.engine().removeContainer(c.id(), true, true);
                }
            }
        }
    }

    /** Runs jcompose -f FILE -p PROJECT ARGS with an empty stdin, capturing stdout and stderr. */
    private Run jcompose(String... args) {
        List<String> all = new ArrayList<>(List.of("-f", file.toString(), "-p", project, "--progress", "plain"));
        all.addAll(List.of(args));
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setIn(new ByteArrayInputStream(new byte[0]));
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(all.toArray(String[]::new));
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
        }
    }

    private List<ContainerSummary> containers(EngineSelector.Selected engine, boolean all) {
        return engine.engine().listContainers(List.of("com.docker.compose.project=" + project), all);
    }

    private List<ContainerSummary> containers() {
        try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4)) {
            return containers(engine, true);
        }
    }

    @Test
    void runRmEchoPrintsHiAndLeavesNothing() throws Exception {
        List<String> scratchVolumes = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4);
                var volumes = engine.engine().events(new EventFilter(Set.of("volume"), List.of(), null, null), e -> {
                    if ("mount".equals(e.action()) && "/scratch".equals(e.attributes().get("destination"))) {
                        scratchVolumes.add(e.actorId());
                    }
                })) {
            Run r = jcompose("run", "--rm", "web", "echo", "hi");
            assertEquals(0, r.code(), r.err());
            assertEquals("hi\n", r.out());
            assertEquals(List.of(), containers(engine, true), "no container left behind");
            assertTrue(EngineFixture.eventually(Duration.ofSeconds(10), () -> !scratchVolumes.isEmpty()),
                    "the one-off mounted its anonymous volume");
            for (String v : scratchVolumes) {
                assertTrue(engine.engine().listVolumes(List.of()).stream().noneMatch(i -> i.name().equals(v)),
                        "anonymous volume " + v + " removed with the container");
            }
        }
    }

    @Test
    void runExitsWithTheContainersCode() {
        Run r = jcompose("run", "web", "sh", "-c", "exit 3");
        assertEquals(3, r.code(), r.err());
        List<ContainerSummary> left = containers();
        assertEquals(1, left.size(), left.toString());
        assertTrue(left.getFirst().name().matches(project + "-web-run-[0-9a-f]{12}"), left.getFirst().name());
        assertEquals("True", left.getFirst().labels().get("com.docker.compose.oneoff"));
    }

    @Test
    void runPassesStdinWhenPiped() {
        InputStream in = System.in;
        try {
            Run r = jcomposeWithStdin("piped\n", "run", "--rm", "-T", "web", "cat");
            assertEquals(0, r.code(), r.err());
            assertEquals("piped\n", r.out());
        } finally {
            System.setIn(in);
        }
    }

    private Run jcomposeWithStdin(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("-f", file.toString(), "-p", project, "--progress", "quiet"));
        all.addAll(List.of(args));
        PrintStream out = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(all.toArray(String[]::new));
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), "");
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void execReturnsTheCommandsExitCode() {
        assertEquals(0, jcompose("up", "-d", "web").code());
        Run hi = jcompose("exec", "-T", "web", "echo", "hi");
        assertEquals(0, hi.code(), hi.err());
        assertEquals("hi\n", hi.out());
        assertEquals(4, jcompose("exec", "-T", "web", "sh", "-c", "exit 4").code());
        Run stopped = jcompose("exec", "-T", "--index", "2", "web", "true");
        assertEquals(1, stopped.code());
        assertTrue(stopped.err().contains("service \"web\" is not running container #2"), stopped.err());
    }

    @Test
    void cpRoundTripOfAFileAndADirectory() throws Exception {
        assertEquals(0, jcompose("up", "-d", "web").code());
        Files.writeString(dir.resolve("note.txt"), "round trip\n");
        Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(dir.resolve("tree/sub/deep.txt"), "deep\n");
        assertEquals(0, jcompose("cp", dir.resolve("note.txt").toString(), "web:/tmp/").code());
        assertEquals(0, jcompose("cp", dir.resolve("tree").toString(), "web:/tmp/tree").code());
        Run cat = jcompose("exec", "-T", "web", "cat", "/tmp/note.txt", "/tmp/tree/sub/deep.txt");
        assertEquals("round trip\ndeep\n", cat.out(), cat.err());
        Run back = jcompose("cp", "web:/tmp/tree", dir.resolve("back").toString());
        assertEquals(0, back.code(), back.err());
        assertEquals("deep\n", Files.readString(dir.resolve("back/sub/deep.txt")));
        assertEquals(0, jcompose("cp", "web:/tmp/note.txt", dir.resolve("note-back.txt").toString()).code());
        assertEquals("round trip\n", Files.readString(dir.resolve("note-back.txt")));
    }

    @Test
    void scaleToThreeReplicas() {
        Run r = jcompose("scale", "web=3");
        assertEquals(0, r.code(), r.err());
        List<String> running = containers().stream().filter(c -> c.state() == ContainerState.RUNNING)
                .map(ContainerSummary::name).sorted().toList();
        assertEquals(List.of(project + "-web-1", project + "-web-2", project + "-web-3"), running);
    }

    @Test
    void waitReturnsTheExitCode() {
        assertEquals(0, jcompose("--profile", "jobs", "up", "-d", "job").code());
        Run r = jcompose("--profile", "jobs", "wait", "job");
        assertEquals(7, r.code(), r.err());
        assertTrue(r.out().matches("container \"[0-9a-f]{64}\" exited with status code 7\n"), r.out());
    }
}
