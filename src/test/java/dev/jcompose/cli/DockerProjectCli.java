package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.engine.ContainerSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The in-process CLI (Main.run) on one test project on dockerd: extra environment variables, a stdin, captured
 * stdout/stderr. {@link #close()} takes the project down with its volumes and removes its one-off containers.
 * System streams are process-wide: callers run one command at a time.
 */
final class DockerProjectCli implements AutoCloseable {
    /** Exit code and what went to stdout and stderr. */
    record Run(int code, String out, String err) {
    }

    final String project;
    final Path file;
    final Map<String, String> env = new HashMap<>(System.getenv());

    DockerProjectCli(String prefix, Path file) {
        this.project = prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.file = file;
    }

    Run run(String... args) {
        return runWithStdin(new ByteArrayInputStream(new byte[0]), args);
    }

    Run runWithStdin(InputStream stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("-f", file.toString(), "-p", project, "--progress", "plain"));
        all.addAll(List.of(args));
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setIn(stdin);
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(Map.copyOf(env), all.toArray(String[]::new));
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Makes jcompose/busybox:latest on dockerd if it is missing (scripts/make-busybox-image.sh). */
    static void ensureBusybox() throws Exception {
        Process p = new ProcessBuilder("scripts/make-busybox-image.sh", "jcompose/busybox:latest")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("scripts/make-busybox-image.sh failed:\n" + output);
        }
    }

    static Run runWithStdin(String stdin, DockerProjectCli cli, String... args) {
        return cli.runWithStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    /** The project's containers (one-offs too), stopped ones included. */
    List<ContainerSummary> containers() {
        try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4)) {
            return engine.engine().listContainers(List.of("com.docker.compose.project=" + project), true);
        }
    }

    String containerId(String service) {
        return containers().stream().filter(c -> service.equals(c.labels().get("com.docker.compose.service")))
                .map(ContainerSummary::id).findFirst().orElseThrow(() -> new AssertionError("no " + service));
    }

    @Override
    public void close() {
        try {
            run("down", "-v", "--remove-orphans", "-t", "0");
        } finally {
            try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4)) {
                for (ContainerSummary c : engine.engine().listContainers(
                        List.of("com.docker.compose.project=" + project), true)) {
                    engine.engine().removeContainer(c.id(), true, true);
                }
            }
        }
    }
}
