package dev.jcompose.runtime.api.routes;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real docker CLI against a daemon socket; output through files (no pipes left to children). */
final class DockerCli {
    record Result(int exitCode, String stdout, String stderr, long millis) {
        @Override
        public String toString() {
            return "exit " + exitCode + " in " + millis + " ms\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private final Path binary;
    private final URI host;
    private final java.util.Map<String, String> env;

    DockerCli(Path binary, URI host) {
        this(binary, host, java.util.Map.of());
    }

    private DockerCli(Path binary, URI host, java.util.Map<String, String> env) {
        this.binary = binary;
        this.host = host;
        this.env = env;
    }

    /** The same CLI with extra environment variables (e.g. DOCKER_BUILDKIT=0 for the classic builder). */
    DockerCli withEnv(java.util.Map<String, String> extra) {
        java.util.Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(extra);
        return new DockerCli(binary, host, all);
    }

    static Path find() {
        for (String p : List.of("/usr/bin/docker", "/usr/local/bin/docker")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    Result run(String... args) throws IOException, InterruptedException {
        return runWithInput(null, args);
    }

    /** Every container id on this engine, stopped ones included. */
    java.util.Set<String> containerIds() throws IOException, InterruptedException {
        return new java.util.HashSet<>(run("ps", "-aq", "--no-trunc").stdout().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList());
    }

    /**
     * Removes what dockerd's classic builder leaves behind since {@code before}: the container of a failed RUN is
     * kept (unless --force-rm), and its image is an image id, never a name a user would run.
     */
    void removeBuildLeftovers(java.util.Set<String> before) throws IOException, InterruptedException {
        for (String id : containerIds()) {
            if (!before.contains(id) && run("inspect", "-f", "{{.Config.Image}}", id).stdout().strip()
                    .startsWith("sha256:")) {
                run("rm", "-f", id);
            }
        }
    }

    /** {@link #run} with {@code input} as the CLI's stdin (a file: piped input, not a terminal). */
    Result runWithInput(byte[] input, String... args) throws IOException, InterruptedException {
        File in = input == null ? new File("/dev/null") : File.createTempFile("jct-cli-", ".in");
        if (input != null) {
            Files.write(in.toPath(), input);
        }
        try {
            return runFrom(in, args);
        } finally {
            if (input != null) {
                Files.deleteIfExists(in.toPath());
            }
        }
    }

    /** The command line the CLI would run, for drivers that start it themselves (a pty). */
    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-H", host.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Result runFrom(File stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-H", host.toString()));
        cmd.addAll(List.of(args));
        File out = File.createTempFile("jct-cli-", ".out");
        File err = File.createTempFile("jct-cli-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(stdin))
                    .redirectOutput(out).redirectError(err);
            pb.environment().remove("DOCKER_HOST");
            pb.environment().put("DOCKER_CONFIG", out.getParent() + "/jct-docker-config");
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("docker " + String.join(" ", args) + " hung; stdout so far: "
                        + Files.readString(out.toPath()));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8), ms);
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }
}
