package dev.jcompose.runtime.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real docker CLI pointed at one engine ({@code -H unix://...}, or the machine's dockerd when host is null),
 * with its own DOCKER_CONFIG so logins never touch the user's. Output goes to files, never pipes.
 */
public final class DockerCommand {
    /** Exit code and the two outputs, trimmed. */
    public record Result(int exit, String out, String err) {
        public Result ok() {
            if (exit != 0) {
                throw new AssertionError("docker failed (" + exit + "):\n" + out + "\n" + err);
            }
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n" + out + "\n" + err;
        }
    }

    private final String host;
    private final Path config;
    private final Path scratch;

    public DockerCommand(String host, Path config, Path scratch) {
        this.host = host;
        this.config = config;
        this.scratch = scratch;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/docker")) || Files.isExecutable(Path.of("/usr/local/bin/docker"));
    }

    /** Whether a dockerd answers on the default socket. */
    public static boolean dockerdRunning() {
        if (!available()) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("docker", "-H", "unix:///var/run/docker.sock", "version", "--format",
                    "{{.Server.Version}}").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String host() {
        return host;
    }

    public Result run(String... args) {
        return run(null, args);
    }

    public Result run(Path stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        if (host != null) {
            command.add("-H");
            command.add(host);
        }
        command.addAll(List.of(args));
        return exec(command, stdin);
    }

    /** A shell pipeline; {@code $DOCKER} in it is this CLI with its host. */
    public Result shell(String script) {
        String docker = host == null ? "docker" : "docker -H " + host;
        return exec(List.of("bash", "-o", "pipefail", "-c", script.replace("$DOCKER", docker)), null);
    }

    private Result exec(List<String> command, Path stdin) {
        try {
            Files.createDirectories(scratch);
            Path out = Files.createTempFile(scratch, "out-", ".txt");
            Path err = Files.createTempFile(scratch, "err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                            : ProcessBuilder.Redirect.from(stdin.toFile()));
            builder.environment().put("DOCKER_CONFIG", config.toString());
            builder.environment().remove("DOCKER_HOST");
            builder.environment().remove("DOCKER_CONTEXT");
            Process process = builder.start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                    Files.readString(err, StandardCharsets.UTF_8).strip());
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }
}
