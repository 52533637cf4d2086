package dev.jcompose.runtime.api.routes;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's docker-compose 1.29.2 for one project against one engine, chosen the way users choose it:
 * DOCKER_HOST. Output goes through files (no pipe left to a child); COMPOSE_* of the caller is not inherited.
 */
final class ComposeV1Client {
    static final Path BINARY = Path.of("/usr/bin/docker-compose");

    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    final URI host;
    final String project;
    private final Path file;
    private final Map<String, String> env;

    ComposeV1Client(URI host, String project, Path file, Map<String, String> env) {
        this.host = host;
        this.project = project;
        this.file = file;
        this.env = Map.copyOf(env);
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-p", project, "-f", file.toString()));
        cmd.addAll(List.of(args));
        File out = File.createTempFile("jct-dc-", ".out");
        File err = File.createTempFile("jct-dc-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(file.getParent().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out).redirectError(err);
            pb.environment().keySet().removeIf(k -> k.startsWith("COMPOSE_") || k.startsWith("DOCKER_"));
            pb.environment().put("DOCKER_HOST", host.toString());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("docker-compose " + String.join(" ", args) + " on " + host + " hung; output: "
                        + Files.readString(out.toPath()) + Files.readString(err.toPath()));
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }
}
