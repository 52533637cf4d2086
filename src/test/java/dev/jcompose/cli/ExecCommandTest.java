package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ExecResult;
import dev.jcompose.engine.ExecSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `exec` through the CLI on the fake engine: target container, flags, exit codes, tty rules. */
class ExecCommandTest {
    static final String YAML = """
            services:
              web:
                image: busybox:latest
              db:
                image: busybox:latest
            """;

    @TempDir
    Path dir;
    ServiceCli cli;
    final List<String> seen = new ArrayList<>();

    @BeforeEach
    void up() {
        cli = new ServiceCli(dir, YAML);
        ServiceCli.Result up = cli.run("scale", "web=2", "db=1");
        assertEquals(0, up.code(), up.err());
        cli.fake.onExec((c, spec) -> {
            synchronized (seen) {
                seen.add(c.name() + " " + describe(spec));
            }
            return new ExecResult(spec.cmd().contains("fail") ? 4 : 0, "out:" + String.join(" ", spec.cmd()) + "\n",
                    "err\n");
        });
    }

    private static String describe(ExecSpec s) {
        return String.join(" ", s.cmd()) + " env=" + s.env() + " user=" + s.user() + " wd=" + s.workingDir()
                + " priv=" + s.privileged() + " tty=" + s.tty();
    }

    @Test
    void runsInTheFirstReplicaAndReturnsTheCommandsExitCode() {
        ServiceCli.Result ok = cli.run("exec", "web", "ls", "-la");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("out:ls -la"), ok.out());
        assertTrue(ok.err().contains("err"), ok.err());
        assertEquals(4, cli.run("exec", "web", "sh", "fail").code());
        assertTrue(seen.getFirst().startsWith("demo-web-1 ls -la"), seen.toString());
    }

    @Test
    void flagsReachTheExec() {
        ServiceCli.Result r = cli.run("exec", "-T", "--index", "2", "-u", "nobody", "-w", "/tmp", "--privileged",
                "-e", "A=1", "-e", "JCOMPOSE_LOCK_WAIT", "web", "id");
        assertEquals(0, r.code(), r.err());
        assertEquals("demo-web-2 id env=[A=1, JCOMPOSE_LOCK_WAIT=5] user=nobody wd=/tmp priv=true tty=false",
                seen.getFirst());
    }

    @Test
    void stdinIsPassedThrough() {
        cli.stdin = "hello\n";
        assertEquals(0, cli.run("exec", "-T", "web", "cat").code());
        assertTrue(cli.fake.stdinReceived().contains("demo-web-1: hello\n"), cli.fake.stdinReceived().toString());
    }

    @Test
    void stoppedServiceIsAnErrorNamingIt() {
        cli.fake.listContainers(List.of("com.docker.compose.project=demo"), false)
                .forEach(c -> cli.fake.stopContainer(c.id(), null));
        ServiceCli.Result r = cli.run("exec", "web", "true");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("service \"web\" is not running"), r.err());
        ServiceCli.Result index = cli.run("exec", "--index", "3", "db", "true");
        assertTrue(index.err().contains("service \"db\" is not running container #3"), index.err());
    }

    @Test
    void ttyFollowsStdoutAndNeedsATerminalStdin() {
        cli.stdoutTerminal = true;
        ServiceCli.Result r = cli.run("exec", "web", "sh");
        assertEquals(1, r.code(), "compose exits 1");
        assertTrue(r.err().contains("the input device is not a TTY"), r.err());
        cli.stdinTerminal = true;
        assertEquals(0, cli.run("exec", "web", "sh").code());
        assertTrue(seen.getLast().endsWith("tty=true"), seen.toString());
    }

    @Test
    void detachedExecReturnsAtOnce() {
        ServiceCli.Result r = cli.run("exec", "-d", "web", "sleep", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
    }
}
