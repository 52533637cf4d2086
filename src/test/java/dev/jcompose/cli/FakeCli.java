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
        try {
            return start(stdin, args).await(java.time.Duration.ofMinutes(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A command running on its own thread; its output can be watched while it runs. */
    static final class Running {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final java.util.concurrent.CompletableFuture<Integer> code =
                new java.util.concurrent.CompletableFuture<>();

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** Polls (10 ms) until stdout satisfies the condition; fails after the timeout. */
        void awaitOut(java.util.function.Predicate<String> condition, java.time.Duration timeout)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.test(out())) {
                if (System.nanoTime() > deadline || code.isDone()) {
                    throw new AssertionError("output never matched; so far:\n" + out() + "--- stderr\n" + err());
                }
                Thread.sleep(10);
            }
        }

        Result await(java.time.Duration timeout) throws InterruptedException {
            try {
                int c = code.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                return new Result(c, out(), err());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("still running after " + timeout + "; so far:\n" + out() + "--- stderr\n"
                        + err());
            }
        }
    }

    Running start(String stdin, String... args) {
        Running running = new Running();
        Thread.ofPlatform().name("cli-" + String.join("-", args)).start(() -> {
            try {
                running.code.complete(execute(running, stdin, args));
            } catch (Throwable t) {
                running.code.completeExceptionally(t);
            }
        });
        return running;
    }

    private int execute(Running running, String stdin, String... args) {
        synchronized (STREAMS) {
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            InputStream oldIn = System.in;
            // Swap the streams before building the command line: picocli's execution strategy remembers
            // System.out/err at construction and re-points the writers if they differ at execute().
            System.setOut(new PrintStream(running.out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(running.err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            ProjectCommand.TEST_ENGINE.set(engine);
            try {
                CommandLine cli = Main.newCommandLine();
                JComposeCommand root = cli.getCommand();
                root.global.cwd = dir;
                root.global.env = Map.copyOf(env);
                int code = cli.execute(args);
                System.out.flush();
                System.err.flush();
                return code;
            } finally {
                ProjectCommand.TEST_ENGINE.remove();
                System.setOut(oldOut);
                System.setErr(oldErr);
                System.setIn(oldIn);
            }
        }
    }
}
