package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.fake.FakeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run` through the CLI on the fake engine: output, exit codes, --rm, -d, tty and flag validation. */
class RunCommandTest {
    static final String YAML = """
            services:
              db:
                image: busybox:latest
              web:
                image: tool:latest
                depends_on: [db]
            """;

    @TempDir
    Path dir;
    ServiceCli cli;

    @BeforeEach
    void setUp() {
        cli = new ServiceCli(dir, YAML);
        cli.fake.addImage("tool:latest", ImageConfig.EMPTY);
    }

    private List<ContainerSummary> oneOffs() {
        return cli.fake.listContainers(List.of("com.docker.compose.oneoff=True"), true);
    }

    @Test
    void attachedRunPrintsTheOutputAndExitsWithTheContainersCode() {
        cli.fake.programForImage("tool:latest", FakeProcess.exitsWith(3).printing("hi"));
        ServiceCli.Result r = cli.run("run", "web", "sh", "-c", "exit 3");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.out().contains("hi\n"), r.out());
        ContainerInfo c = cli.fake.inspectContainer(oneOffs().getFirst().id());
        assertEquals(List.of("sh", "-c", "exit 3"), c.config().cmd(), "options stop at the service name");
        assertEquals(ContainerState.EXITED, c.state());
        assertEquals(ContainerState.RUNNING, cli.fake.inspectContainer("demo-db-1").state(), "dependency started");
    }

    @Test
    void rmLeavesNoContainer() {
        cli.fake.programForImage("tool:latest", FakeProcess.exitsWith(0).printing("hi"));
        ServiceCli.Result r = cli.run("run", "--rm", "web", "echo", "hi");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("hi\n"), r.out());
        assertTrue(oneOffs().isEmpty(), oneOffs().toString());
    }

    @Test
    void detachedRunPrintsTheContainerId() {
        ServiceCli.Result r = cli.run("run", "-d", "web");
        assertEquals(0, r.code(), r.err());
        String id = oneOffs().getFirst().id();
        assertEquals(id, r.out().strip());
        assertEquals(ContainerState.RUNNING, cli.fake.inspectContainer(id).state());
    }

    @Test
    void ttyByDefaultOnlyWithTerminalsAndStdinAttachedByDefault() {
        cli.stdin = "data";
        cli.fake.programForImage("tool:latest", FakeProcess.exitsWith(0));
        assertEquals(0, cli.run("run", "web", "cat").code());
        ContainerInfo plain = cli.fake.inspectContainer(oneOffs().getFirst().id());
        assertFalse(plain.config().tty());
        assertTrue(plain.config().stdinOpen());
        assertTrue(cli.fake.stdinReceived().contains(plain.name() + ": data"), cli.fake.stdinReceived().toString());

        cli.stdinTerminal = true;
        cli.stdoutTerminal = true;
        assertEquals(0, cli.run("run", "--name", "tty-run", "web", "sh").code());
        assertTrue(cli.fake.inspectContainer("tty-run").config().tty());
        assertEquals(0, cli.run("run", "--name", "no-tty", "-T", "web", "sh").code());
        assertFalse(cli.fake.inspectContainer("no-tty").config().tty());
    }

    @Test
    void explicitTtyWithoutATerminalIsRefused() {
        ServiceCli.Result r = cli.run("run", "-t", "web", "sh");
        assertEquals(1, r.code(), "compose exits 1");
        assertTrue(r.err().contains("the input device is not a TTY"), r.err());
        ServiceCli.Result both = cli.run("run", "-t", "-T", "web", "sh");
        assertTrue(both.err().contains("--tty and --no-tty can't be used together"), both.err());
        assertTrue(oneOffs().isEmpty());
    }

    @Test
    void flagErrorsMatchCompose() {
        assertTrue(cli.run("run", "-p", "80", "-P", "web").err().contains(
                "--service-ports and --publish are incompatible"));
        assertTrue(cli.run("run", "--pull", "sometimes", "web").err().contains("invalid --pull option \"sometimes\""));
        ServiceCli.Result noService = cli.run("run");
        assertEquals(2, noService.code());
        assertTrue(oneOffs().isEmpty());
    }

    @Test
    void envFromFileFillsWhatEnvDidNotSet() throws Exception {
        Files.writeString(dir.resolve("run.env"), "A=from-file\nB=from-file\n");
        cli.fake.programForImage("tool:latest", FakeProcess.exitsWith(0));
        ServiceCli.Result r = cli.run("run", "-e", "A=flag", "--env-from-file", "run.env", "--name", "envs", "web");
        assertEquals(0, r.code(), r.err());
        List<String> env = cli.fake.inspectContainer("envs").config().env();
        assertTrue(env.contains("A=flag") && env.contains("B=from-file"), env.toString());
    }

    @Test
    void quietRunPrintsOnlyTheContainersOutput() {
        cli.fake.programForImage("tool:latest", FakeProcess.exitsWith(0).printing("only this"));
        ServiceCli.Result r = cli.run("--progress", "plain", "run", "-q", "web");
        assertEquals(0, r.code(), r.err());
        assertEquals("only this\n", r.out());
        assertFalse(r.err().contains("Container"), r.err());
    }
}
