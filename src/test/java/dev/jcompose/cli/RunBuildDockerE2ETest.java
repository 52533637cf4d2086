package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.app.EngineSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run --build` on dockerd: the image is built before the one-off runs; without --build a present one is reused. */
@Tag("docker")
class RunBuildDockerE2ETest {
    @TempDir
    Path dir;
    DockerProjectCli cli;

    @BeforeAll
    static void busybox() throws Exception {
        DockerProjectCli.ensureBusybox();
    }

    @BeforeEach
    void project() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM jcompose/busybox:latest\nCOPY msg /msg\n");
        Files.writeString(dir.resolve("app/msg"), "v1\n");
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  app:
                    build: ./app
                """);
        cli = new DockerProjectCli("jct-runb-", dir.resolve("compose.yaml"));
    }

    @AfterEach
    void down() {
        try {
            cli.close();
        } finally {
            try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4)) {
                engine.engine().findImage(cli.project + "-app").ifPresent(i -> engine.engine().removeImage(
                        cli.project + "-app", true));
            }
        }
    }

    @Test
    void runBuildsWhenMissingRebuildsOnlyWithBuild() throws Exception {
        DockerProjectCli.Run first = cli.run("run", "--rm", "-T", "app", "cat", "/msg");
        assertEquals(0, first.code(), first.err());
        assertEquals("v1\n", first.out(), "a missing image is built before the run");

        Files.writeString(dir.resolve("app/msg"), "v2\n");
        DockerProjectCli.Run reused = cli.run("run", "--rm", "-T", "app", "cat", "/msg");
        assertEquals("v1\n", reused.out(), "without --build the present image is used");

        DockerProjectCli.Run rebuilt = cli.run("run", "--rm", "-T", "--build", "app", "cat", "/msg");
        assertEquals(0, rebuilt.code(), rebuilt.err());
        assertEquals("v2\n", rebuilt.out(), "--build rebuilds from the edited context");
        assertEquals(0, cli.containers().size(), "--rm left nothing");
    }
}
