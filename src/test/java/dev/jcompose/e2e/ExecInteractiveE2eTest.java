package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.cli.Main;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.runtime.api.routes.PtyDriver;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * `jcompose exec` as a user types it: on a terminal (a pseudo-terminal driven like a user) it is interactive with a
 * TTY; with piped stdin it passes the input on, with or without -T; a `stdin_open`/`tty` service stays up with its
 * shell waiting. jcompose runs as its own process (a terminal belongs to a process), on dockerd and on the
 * embedded engine alike.
 */
class ExecInteractiveE2eTest {
    @Nested
    @Tag("docker")
    class OnDockerd extends Cases {
        @Override
        EngineTarget target() {
            return EngineTarget.dockerd();
        }
    }

    @Nested
    @Tag("root")
    @ExtendWith(EmbeddedEngineExtension.class)
    class OnEmbedded extends Cases {
        @Override
        EngineTarget target() {
            return EngineTarget.embedded();
        }
    }

    abstract static class Cases extends E2eTest {
        private static final String STACK = """
                services:
                  web:
                    image: %1$s
                    command: ["sleep", "300"]
                  console:
                    image: %1$s
                    stdin_open: true
                    tty: true
                """.formatted(BUSYBOX);

        private List<String> jcomposeCommand(String... command) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName()));
            cmd.addAll(project.args(command));
            return cmd;
        }

        /** jcompose with {@code input} piped to its stdin: exit code and stdout. */
        private Cli.Result piped(String input, String... command) throws Exception {
            Path in = Files.writeString(tmp.resolve("stdin.txt"), input);
            File out = tmp.resolve("piped.out").toFile();
            File err = tmp.resolve("piped.err").toFile();
            ProcessBuilder pb = new ProcessBuilder(jcomposeCommand(command)).redirectInput(in.toFile())
                    .redirectOutput(out).redirectError(err);
            pb.environment().clear();
            pb.environment().putAll(project.target.cliEnv());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("jcompose " + String.join(" ", command) + " hung");
            }
            return new Cli.Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        }

        private PtyDriver.Result onTerminal(List<PtyDriver.Step> steps, String... command) throws Exception {
            assumeTrue(PtyDriver.python() != null, "needs python3 for a pseudo-terminal");
            return PtyDriver.run(steps, jcomposeCommand(command), project.target.cliEnv());
        }

        @Test
        void pipedStdinWithAndWithoutDashT() throws Exception {
            project.file("compose.yaml", STACK);
            project.ok("up", "-d", "web");
            Cli.Result noTty = piped("hi\nthere\n", "exec", "-T", "web", "sh", "-c", "cat");
            assertEquals(0, noTty.code(), project.target.name() + ": " + noTty.transcript());
            assertEquals("hi\nthere\n", noTty.out(), project.target.name() + ": " + noTty.transcript());
            // stdout is not a terminal either: no TTY without -T too, and the input still arrives
            Cli.Result plain = piped("abc", "exec", "web", "sh", "-c", "wc -c; exit 5");
            assertEquals(5, plain.code(), project.target.name() + ": " + plain.transcript());
            assertEquals("3", plain.out().strip(), project.target.name() + ": " + plain.transcript());
        }

        @Test
        void shellOnATerminal() throws Exception {
            project.file("compose.yaml", STACK);
            project.ok("up", "-d", "web");
            PtyDriver.Result sh = onTerminal(List.of(new PtyDriver.Step("# ", "echo $((6*7)); exit 3\r")),
                    "exec", "web", "sh");
            assertFalse(sh.timedOut(), project.target.name() + ": " + sh);
            assertEquals(3, sh.exitCode(), project.target.name() + ": " + sh);
            assertTrue(sh.output().contains("\r\n42\r\n"), project.target.name() + ": " + sh);
            PtyDriver.Result tty = onTerminal(List.of(), "exec", "web", "tty");
            assertEquals(0, tty.exitCode(), project.target.name() + ": " + tty);
            assertTrue(Pattern.compile("(?s).*/dev/pts/\\d+\r\n.*").matcher(tty.output()).matches(),
                    project.target.name() + ": " + tty);
        }

        @Test
        void stdinOpenTtyServiceKeepsItsShell() throws Exception {
            project.file("compose.yaml", STACK);
            project.ok("up", "-d", "console");
            Thread.sleep(500); // a shell whose stdin were closed would have exited by now
            assertEquals(ContainerState.RUNNING, project.container("console").status().state(),
                    project.target.name() + ": sh waits on its open TTY");
            PtyDriver.Result echo = onTerminal(List.of(new PtyDriver.Step("# ", "echo in-$((1+1)); exit\r")),
                    "exec", "console", "sh");
            assertTrue(echo.output().contains("in-2"), project.target.name() + ": " + echo);
        }
    }
}
