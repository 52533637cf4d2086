package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.runtime.testing.RegistryProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `push` on dockerd to Debian's docker-registry on 127.0.0.1 (started here): build, push, drop the local image,
 * pull it back and run it.
 */
@Tag("docker")
class PushDockerE2ETest {
    @TempDir
    Path dir;
    RegistryProcess registry;
    DockerProjectCli cli;
    String image;

    @BeforeAll
    static void busybox() throws Exception {
        DockerProjectCli.ensureBusybox();
    }

    @BeforeEach
    void project() throws Exception {
        Assumptions.assumeTrue(RegistryProcess.available(), "docker-registry is installed (.ci/run installs it)");
        registry = RegistryProcess.start(dir.resolve("registry"), false);
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM jcompose/busybox:latest\nCOPY msg /msg\n");
        Files.writeString(dir.resolve("app/msg"), "pushed\n");
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  app:
                    build: ./app
                    image: ${JCT_IMAGE}
                  plain:
                    image: jcompose/busybox:latest
                """);
        cli = new DockerProjectCli("jct-push-", dir.resolve("compose.yaml"));
        image = registry.domain() + "/" + cli.project + "/app:1";
        cli.env.put("JCT_IMAGE", image);
    }

    @AfterEach
    void down() {
        try {
            if (cli != null) {
                cli.close();
            }
        } finally {
            try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4)) {
                if (image != null) {
                    engine.engine().findImage(image).ifPresent(i -> engine.engine().removeImage(image, true));
                }
            } finally {
                if (registry != null) {
                    registry.close();
                }
            }
        }
    }

    @Test
    void builtImagePushesAndPullsBack() {
        DockerProjectCli.Run build = cli.run("build", "app");
        assertEquals(0, build.code(), build.err());
        String builtId;
        try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4)) {
            builtId = engine.engine().inspectImage(image).id();
        }

        DockerProjectCli.Run push = cli.run("push");
        assertEquals(0, push.code(), push.err());
        assertTrue(push.err().contains("plain  Skipped"), push.err());
        assertTrue(push.err().contains(image + "  Pushed"), push.err());

        try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4)) {
            engine.engine().removeImage(image, true);
            assertTrue(engine.engine().findImage(image).isEmpty());
        }
        DockerProjectCli.Run pull = cli.run("pull", "app");
        assertEquals(0, pull.code(), pull.err());
        try (EngineSelector.Selected engine = EngineSelector.open("docker", System.getenv(), 4)) {
            assertEquals(builtId, engine.engine().inspectImage(image).id(), "the registry gave back the built image");
        }
        DockerProjectCli.Run run = cli.run("run", "--rm", "-T", "app", "cat", "/msg");
        assertEquals("pushed\n", run.out(), run.err());
    }

    @Test
    void aFailedPushFailsUnlessIgnored() {
        // nothing built yet: dockerd has no such image to push
        DockerProjectCli.Run failed = cli.run("push", "app");
        assertEquals(1, failed.code());
        assertTrue(failed.err().contains("No such image") || failed.err().contains("does not exist"), failed.err());
        DockerProjectCli.Run ignored = cli.run("push", "--ignore-push-failures", "app");
        assertEquals(0, ignored.code(), ignored.err());
    }
}
