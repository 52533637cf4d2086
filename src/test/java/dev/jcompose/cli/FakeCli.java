package dev.jcompose.cli;

import dev.jcompose.engine.Engine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the CLI as Main does, in a directory with an environment, against a given engine (the FakeEngine in
 * unit tests, dockerd in e2e tests), capturing stdout and stderr. Commands print through System.out/err, so
 * runs are serialized and the streams swapped for the duration of one run.
 */
final class FakeCli {
    private static final Object STREAMS = new Object();

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Engine engine;
    private final Path dir;
    private final Map<String, String> env = new HashMap<>();

    /** engine null = the engine the CLI selects itself (dockerd). */
    FakeCli(Engine engine, Path dir) {
        this.engine = engine;
        this.dir = dir;
        env.put("JCOMPOSE_LOCK_WAIT", "30");
        env.put("COMPOSE_ANSI", "never");
        env.put("COMPOSE_PROGRESS", "plain");
        String path = System.getenv("PATH");
        if (path != null) {
            env.put("PATH", path);
        }
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null) {
            env.put("DOCKER_HOST", dockerHost);
        }
    }

    FakeCli env(String key, String value) {
        env.put(key, value);
        return this;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        synchronized (STREAMS) {
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            InputStream oldIn = System.in;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            // Swap the streams before building the command line: picocli's execution strategy remembers
            // System.out/err at construction and re-points the writers if they differ at execute().
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            ContainerCommand.TEST_ENGINE.set(engine);
            try {
                CommandLine cli = Main.newCommandLine();
                JComposeCommand root = cli.getCommand();
                root.global.cwd = dir;
                root.global.env = Map.copyOf(env);
                cli.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
                cli.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
                int code = cli.execute(args);
                System.out.flush();
                System.err.flush();
                return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                ContainerCommand.TEST_ENGINE.remove();
                System.setOut(oldOut);
                System.setErr(oldErr);
                System.setIn(oldIn);
            }
        }
    }
}
