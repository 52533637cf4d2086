package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `jcompose build` and the build flags of `up`, where no engine is needed to answer. */
class BuildCommandTest {
    @TempDir
    Path dir;
    final Map<String, String> env = Map.of("JCOMPOSE_ENGINE", "docker", "DOCKER_HOST", "unix:///nonexistent.sock");

    @BeforeEach
    void project() throws IOException {
        Files.createDirectories(dir.resolve("web"));
        Files.writeString(dir.resolve("web/Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve("compose.yaml"), """
                name: demo
                services:
                  web: {build: ./web}
                  db: {image: redis:7}
                """);
    }

    @Test
    void buildAndNoBuildTogetherAreAUsageError() {
        CliRun run = CliRun.run(dir, env, "up", "--build", "--no-build");
        assertEquals(ExitCodes.USAGE, run.code());
        assertTrue(run.err().contains("--build and --no-build are incompatible"), run.err());
    }

    @Test
    void unknownServicesBadBuildArgsAndSshAreUsageErrors() {
        CliRun unknown = CliRun.run(dir, env, "build", "nosuch");
        assertEquals(ExitCodes.USAGE, unknown.code());
        assertTrue(unknown.err().contains("no such service: nosuch"), unknown.err());
        CliRun badArg = CliRun.run(dir, env, "build", "--build-arg", "=x");
        assertEquals(ExitCodes.USAGE, badArg.code());
        assertTrue(badArg.err().contains("invalid --build-arg '=x'"), badArg.err());
        CliRun ssh = CliRun.run(dir, env, "build", "--ssh", "default");
        assertEquals(ExitCodes.USAGE, ssh.code());
        assertTrue(ssh.err().contains("--ssh is not supported by the Docker API 1.41 classic builder"), ssh.err());
    }

    @Test
    void dryRunListsWhatWouldBeBuiltWithoutAnEngine() {
        CliRun run = CliRun.run(dir, env, "--dry-run", "build");
        assertEquals(0, run.code(), run.err());
        assertEquals("service:web build image demo-web from " + dir.resolve("web") + "\n", run.out());
    }
}
