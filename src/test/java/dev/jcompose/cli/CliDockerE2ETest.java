package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.docker.DockerEngine;
import dev.jcompose.engine.docker.EngineHosts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI end to end against this machine's dockerd: each test a fresh project named jct-..., brought down
 * with -v afterwards whatever happened. Uses the busybox image of scripts/make-busybox-image.sh.
 */
@Tag("docker")
class CliDockerE2ETest {
    static final String BUSYBOX = "jcompose/busybox:latest";

    @TempDir
    Path dir;
    String project;
    FakeCli cli;
    DockerEngine docker;

    @BeforeAll
    static void busybox() throws IOException, InterruptedException {
        try (DockerEngine engine = engine()) {
            if (engine.findImage(BUSYBOX).isPresent()) {
                return;
            }
        }
        Process p = new ProcessBuilder("scripts/make-busybox-image.sh", BUSYBOX).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("scripts/make-busybox-image.sh failed:\n" + output);
        }
    }

    static DockerEngine engine() {
        return new DockerEngine(DockerEngine.Options.of(EngineHosts.discover(System.getenv()).orElseThrow(() ->
                new AssertionError("no reachable dockerd; exclude the \"docker\" tag to skip"))));
    }

    @BeforeEach
    void project() throws IOException {
        project = "jct" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        docker = engine();
        cli = new FakeCli(null, dir);
        write("""
                name: %s
                services:
                  db:
                    image: %s
                    command: ["sh", "-c", "echo db ready; exec sleep 1000"]
                  web:
                    image: %s
                    command: ["sh", "-c", "echo web ready; echo web stderr >&2; exec sleep 1000"]
                    depends_on: [db]
                """.formatted(project, BUSYBOX, BUSYBOX));
    }

    private void write(String yaml) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), yaml);
    }

    @AfterEach
    void down() {
        try {
            FakeCli.Result r = cli.run("down", "-v", "-t", "0", "--remove-orphans");
            assertEquals(0, r.code(), r.toString());
        } finally {
            docker.close();
        }
    }

    private static void assertOk(FakeCli.Result r) {
        assertEquals(0, r.code(), r.toString());
    }

    private Map<String, ContainerSummary> containers() {
        return docker.listContainers(List.of("com.docker.compose.project=" + project), true).stream()
                .collect(Collectors.toMap(ContainerSummary::name, c -> c, (a, b) -> a, TreeMap::new));
    }

    @Test
    void psListsExactlyTheProjectsContainers() {
        assertOk(cli.run("up", "-d"));
        Map<String, ContainerSummary> mine = containers();
        assertEquals(List.of(project + "-db-1", project + "-web-1"), List.copyOf(mine.keySet()));
        FakeCli.Result ids = cli.run("ps", "-q");
        assertEquals(mine.values().stream().map(ContainerSummary::id).collect(Collectors.joining("\n")) + "\n",
                ids.out());
        String table = cli.run("ps").out();
        String[] lines = table.split("\n");
        assertEquals(3, lines.length, table);
        assertTrue(lines[0].matches("NAME +IMAGE +COMMAND +SERVICE +CREATED +STATUS +PORTS"), lines[0]);
        assertTrue(lines[2].matches(project + "-web-1 +" + BUSYBOX + " +\"sh -c 'echo web rea…\" +web +\\w.* ago +Up "
                + "\\w.* *"), lines[2]);
        assertEquals("db\nweb\n", cli.run("ps", "--services").out());
    }

    @Test
    void logsShowEveryServiceWithItsPrefix() throws InterruptedException {
        assertOk(cli.run("up", "-d"));
        FakeCli.Result logs = awaitLogs();
        assertTrue(logs.out().contains("db-1   | db ready\n"), logs.out());
        assertTrue(logs.out().contains("web-1  | web ready\n"), logs.out());
        assertTrue(logs.out().contains("web-1  | web stderr\n"), "logs prints stderr on stdout: " + logs.out());
        // stdout and stderr are separate streams in the engine: their relative order is not kept
        assertEquals(List.of("web ready", "web stderr"), cli.run("logs", "--no-log-prefix", "web").out().lines()
                .sorted().toList());
    }

    /** The container's first lines may land a moment after `up -d` returns. */
    private FakeCli.Result awaitLogs() throws InterruptedException {
        for (int i = 0; ; i++) {
            FakeCli.Result logs = cli.run("logs");
            if (logs.out().contains("web stderr") && logs.out().contains("db ready") || i == 50) {
                return logs;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void stopThenStartKeepsTheContainers() {
        assertOk(cli.run("up", "-d"));
        Map<String, String> before = new TreeMap<>();
        containers().forEach((n, c) -> before.put(n, c.id()));
        assertOk(cli.run("stop"));
        containers().values().forEach(c -> assertEquals(ContainerState.EXITED, c.state(), c.name()));
        assertTrue(cli.run("ps", "-a", "--format", "{{.Status}}").out().startsWith("Exited (137)"),
                "sleep as PID 1 ignores SIGTERM and is killed");
        assertOk(cli.run("start"));
        Map<String, String> after = new TreeMap<>();
        containers().forEach((n, c) -> {
            after.put(n, c.id());
            assertEquals(ContainerState.RUNNING, c.state(), n);
        });
        assertEquals(before, after);
    }

    @Test
    void attachedUpReturnsWhenServicesExitAndExitCodeFromPicksTheCode() throws IOException {
        write("""
                name: %s
                services:
                  db:
                    image: %s
                    command: ["sh", "-c", "echo db once"]
                  job:
                    image: %s
                    command: ["sh", "-c", "echo job working; sleep 1; echo job failed; exit 3"]
                    depends_on: [db]
                """.formatted(project, BUSYBOX, BUSYBOX));
        FakeCli.Result plain = cli.run("up");
        assertOk(plain);
        assertTrue(plain.out().startsWith("Attaching to db-1, job-1\n"), plain.out());
        assertTrue(plain.out().contains("db-1   | db once\n"), plain.out());
        assertEquals(List.of("job-1  | job working", "job-1  | job failed", "job-1 exited with code 3"),
                plain.out().lines().filter(l -> l.startsWith("job-1")).toList(), plain.out());
        assertTrue(plain.out().contains("db-1 exited with code 0\n"), plain.out());
        assertTrue(plain.out().contains("job-1 exited with code 3\n"), plain.out());
        FakeCli.Result fromJob = cli.run("up", "--exit-code-from", "job", "job");
        assertEquals(3, fromJob.code(), fromJob.toString());
        assertTrue(fromJob.out().startsWith("Attaching to job-1\n"), fromJob.out());
    }

    @Test
    void sigtermStopsGracefullyAndExitsWith130() throws Exception {
        String classpath = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process up = new ProcessBuilder(java, "-cp", classpath, "dev.jcompose.cli.Main", "--ansi", "never",
                "--progress", "plain", "up").directory(dir.toFile())
                .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        try {
            awaitFile(dir.resolve("out.txt"), "web-1  | web ready");
            Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(up.pid())}).waitFor();
            assertTrue(up.waitFor(60, TimeUnit.SECONDS), "up ended");
            String out = Files.readString(dir.resolve("out.txt"));
            assertEquals(130, up.exitValue(), out + Files.readString(dir.resolve("err.txt")));
            assertTrue(out.contains("Gracefully Stopping... press Ctrl+C again to force\n"), out);
            assertTrue(out.contains("web-1 exited with code 137\n"), out);
            containers().values().forEach(c -> assertEquals(ContainerState.EXITED, c.state(), "stopped, kept"));
        } finally {
            up.destroyForcibly();
        }
    }

    private static void awaitFile(Path file, String text) throws IOException, InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never saw " + text + " in " + file + ":\n" + Files.readString(file)
                + File.separator);
    }
}
