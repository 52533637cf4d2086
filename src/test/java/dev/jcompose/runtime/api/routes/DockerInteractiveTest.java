package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Interactive containers with the real docker CLI, on the embedded daemon and on dockerd side by side (the oracle):
 * piped stdin to exec and run, a TTY exec, a pty-driven shell, attach and detach. dockerd gets only jct-tty-*
 * containers of its own, removed after each test.
 */
@Tag("root")
class DockerInteractiveTest {
    private static final String IMAGE = EmbeddedDaemon.BUSYBOX;
    private static final Pattern PTS = Pattern.compile("/dev/pts/\\d+\r?\n");
    private EmbeddedDaemon daemon;
    private DockerCli embedded;
    private DockerCli dockerd;
    private final List<String> dockerdContainers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path binary = DockerCli.find();
        assumeTrue(binary != null, "needs the docker CLI");
        assumeTrue(PtyDriver.python() != null, "needs python3 for a pseudo-terminal");
        daemon = new EmbeddedDaemon().start();
        embedded = new DockerCli(binary, daemon.uri());
        if (Files.exists(Path.of("/var/run/docker.sock"))) {
            DockerCli d = new DockerCli(binary, URI.create("unix:///var/run/docker.sock"));
            if (d.run("image", "inspect", IMAGE).exitCode() == 0) {
                dockerd = d;
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (String name : dockerdContainers) {
            dockerd.run("rm", "-f", name);
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    /** The engines to compare: embedded first, then dockerd when it runs here. */
    private List<DockerCli> engines() {
        return dockerd == null ? List.of(embedded) : List.of(embedded, dockerd);
    }

    private String name(DockerCli cli, String base) {
        String name = "jct-tty-" + base + "-" + daemon.tag;
        if (cli == dockerd) {
            dockerdContainers.add(name);
        }
        return name;
    }

    private String label(DockerCli cli) {
        return cli == dockerd ? "dockerd" : "embedded";
    }

    private String runSleeper(DockerCli cli, String base, String... extra) throws Exception {
        String name = name(cli, base);
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
        args.addAll(List.of(extra));
        args.addAll(List.of(IMAGE, "sleep", "300"));
        DockerCli.Result r = cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), label(cli) + ": " + r);
        return name;
    }

    @Test
    void pipedStdinReachesAnExec() throws Exception {
        for (DockerCli cli : engines()) {
            String c = runSleeper(cli, "execi");
            DockerCli.Result r = cli.runWithInput("hi\nthere\n".getBytes(StandardCharsets.UTF_8), "exec", "-i", c,
                    "cat");
            assertEquals(0, r.exitCode(), label(cli) + ": " + r);
            assertEquals("hi\nthere\n", r.stdout(), label(cli) + ": " + r);
            DockerCli.Result wc = cli.runWithInput("abc".getBytes(StandardCharsets.UTF_8), "exec", "-i", c, "sh",
                    "-c", "wc -c; exit 4");
            assertEquals(4, wc.exitCode(), label(cli) + ": " + wc);
            assertEquals("3", wc.stdout().strip(), label(cli) + ": " + wc);
        }
    }

    @Test
    void ttyExecRunsOnAPseudoTerminal() throws Exception {
        for (DockerCli cli : engines()) {
            String c = runSleeper(cli, "exect");
            DockerCli.Result r = cli.run("exec", "-t", c, "tty");
            assertEquals(0, r.exitCode(), label(cli) + ": " + r);
            assertTrue(PTS.matcher(r.stdout()).matches(), label(cli) + ": " + r);
            DockerCli.Result env = cli.run("exec", "-t", c, "sh", "-c", "echo $TERM; exit 7");
            assertEquals(7, env.exitCode(), label(cli) + ": " + env);
            assertEquals("xterm\r\n", env.stdout(), label(cli) + ": a TTY turns \\n into \\r\\n: " + env);
        }
    }

    @Test
    void pipedStdinReachesARunWithDashI() throws Exception {
        for (DockerCli cli : engines()) {
            DockerCli.Result r = cli.runWithInput("hi\n".getBytes(StandardCharsets.UTF_8), "run", "-i", "--rm",
                    "--name", name(cli, "runi"), IMAGE, "cat");
            assertEquals(0, r.exitCode(), label(cli) + ": " + r);
            assertEquals("hi\n", r.stdout(), label(cli) + ": " + r);
        }
    }

    @Test
    void interactiveShellThroughAPty() throws Exception {
        for (DockerCli cli : engines()) {
            String c = runSleeper(cli, "exec-it");
            PtyDriver.Result r = PtyDriver.run(List.of(new PtyDriver.Step("# ", "echo $((6*7)); exit 3\r")),
                    cli.command("exec", "-it", c, "sh"), Map.of());
            assertFalse(r.timedOut(), label(cli) + ": " + r);
            assertEquals(3, r.exitCode(), label(cli) + ": " + r);
            assertTrue(r.output().contains("\r\n42\r\n"), label(cli) + ": " + r);
            PtyDriver.Result size = PtyDriver.run(List.of(new PtyDriver.Step("# ", "stty size; exit\r")),
                    cli.command("exec", "-it", c, "sh"), Map.of());
            assertTrue(size.output().contains("\r\n30 100\r\n"), label(cli) + ": the client's size: " + size);
        }
    }

    @Test
    void runDashItThenDetachAndAttachAgain() throws Exception {
        for (DockerCli cli : engines()) {
            String c = name(cli, "attach");
            // docker run -it: a shell on a TTY; ctrl-p ctrl-q leaves it running
            PtyDriver.Result run = PtyDriver.run(List.of(new PtyDriver.Step("# ", "echo $((6*7))\r"),
                    new PtyDriver.Step("42", "\u0010\u0011")), cli.command("run", "-it", "--name", c, IMAGE, "sh"),
                    Map.of());
            assertFalse(run.timedOut(), label(cli) + ": " + run);
            assertEquals(0, run.exitCode(), label(cli) + ": " + run);
            assertEquals("true", cli.run("inspect", "-f", "{{.State.Running}}", c).stdout().strip(),
                    label(cli) + ": detached, still running");
            // docker attach: the same shell; exit ends it with its code
            PtyDriver.Result attach = PtyDriver.run(List.of(new PtyDriver.Step("", "\r"),
                    new PtyDriver.Step("# ", "echo at-$((2+3)); exit 6\r")), cli.command("attach", c), Map.of());
            assertFalse(attach.timedOut(), label(cli) + ": " + attach);
            assertTrue(attach.output().contains("at-5"), label(cli) + ": " + attach);
            assertEquals(6, attach.exitCode(), label(cli) + ": " + attach);
            DockerCli.Result logs = cli.run("logs", c);
            assertTrue(logs.stdout().contains("42\r\n"), label(cli) + ": TTY logs are raw: " + logs);
            cli.run("rm", "-f", c);
        }
    }
}
