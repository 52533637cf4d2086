package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ImageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `push` through the CLI on the fake engine (whose registry answers any domain). */
class PushCommandTest {
    static final String YAML = """
            services:
              app:
                build:
                  context: ./app
                  tags: ["127.0.0.1:5999/jct/app:extra"]
                image: 127.0.0.1:5999/jct/app:1
              plain:
                image: busybox:latest
              unnamed:
                build: ./app
              dep:
                build: ./app
                image: 127.0.0.1:5999/jct/dep:1
              top:
                build: ./app
                image: 127.0.0.1:5999/jct/top:1
                depends_on: [dep]
            """;

    @TempDir
    Path dir;
    ServiceCli cli;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM busybox:latest\n");
        cli = new ServiceCli(dir, YAML);
        for (String ref : List.of("127.0.0.1:5999/jct/app:1", "127.0.0.1:5999/jct/app:extra",
                "127.0.0.1:5999/jct/dep:1", "127.0.0.1:5999/jct/top:1")) {
            cli.fake.addImage(ref, ImageConfig.EMPTY);
        }
    }

    @Test
    void pushesImageAndBuildTagsOfBuiltServicesAndSkipsTheOthers() {
        ServiceCli.Result r = cli.run("--progress", "plain", "push", "app", "plain", "unnamed");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("127.0.0.1:5999/jct/app:1", "127.0.0.1:5999/jct/app:extra"),
                cli.fake.registryReferences());
        assertTrue(r.err().contains("Service plain  Skipped") && r.err().contains("Service unnamed  Skipped"), r.err());
        assertTrue(r.err().contains("Image 127.0.0.1:5999/jct/app:1  Pushed"), r.err());
    }

    @Test
    void includeDepsAlsoPushesDependencies() {
        assertEquals(0, cli.run("push", "top").code());
        assertEquals(List.of("127.0.0.1:5999/jct/top:1"), cli.fake.registryReferences());
        assertEquals(0, cli.run("push", "--include-deps", "top").code());
        assertTrue(cli.fake.registryReferences().contains("127.0.0.1:5999/jct/dep:1"));
    }

    @Test
    void aFailureStopsThePushUnlessIgnored() {
        cli.fake.refusePush("127.0.0.1:5999/jct/app:1", "denied: requested access to the resource is denied");
        ServiceCli.Result failed = cli.run("push", "app");
        assertEquals(1, failed.code());
        assertTrue(failed.err().contains("denied: requested access to the resource is denied"), failed.err());
        assertTrue(cli.fake.registryReferences().isEmpty(), "stopped at the first failure");

        ServiceCli.Result ignored = cli.run("push", "-q", "--ignore-push-failures", "app");
        assertEquals(0, ignored.code(), ignored.err());
        assertEquals(List.of("127.0.0.1:5999/jct/app:extra"), cli.fake.registryReferences());
    }

    @Test
    void anImageNotBuiltYetAndAnUnknownServiceFail() {
        cli.fake.removeImage("127.0.0.1:5999/jct/dep:1", false);
        ServiceCli.Result missing = cli.run("push", "dep");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("An image does not exist locally with the tag: 127.0.0.1:5999/jct/dep"),
                missing.err());
        ServiceCli.Result unknown = cli.run("push", "nope");
        assertTrue(unknown.err().contains("no such service: nope"), unknown.err());
    }
}
