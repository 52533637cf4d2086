package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ImageConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pull` and `push` on the fake engine: no registry, so the failure paths are what counts. */
class PullCommandTest {
    @TempDir
    Path dir;
    ServiceCli cli;

    @BeforeEach
    void setUp() {
        cli = new ServiceCli(dir, """
                services:
                  web:
                    image: registry.example/web:1
                  cache:
                    image: busybox:latest
                  built:
                    build: .
                  both:
                    image: registry.example/both:1
                    build: .
                """);
    }

    @Test
    void anImageThatCannotBePulledFailsThePull() {
        ServiceCli.Result r = cli.run("--progress", "plain", "pull", "web");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("pull access denied for registry.example/web"), r.err());
        assertTrue(r.err().contains("web  Error"), r.err());
    }

    @Test
    void ignorePullFailuresSucceedsAnyway() {
        ServiceCli.Result r = cli.run("--progress", "plain", "pull", "--ignore-pull-failures");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("built  Skipped - No image to be pulled"), r.err());
        assertTrue(r.err().contains("WARNING: Some service image(s) must be built from source"), r.err());
    }

    @Test
    void pullableImagesArePulledAndPoliciesSkip() {
        cli.fake.addPullableImage("registry.example/web:1", ImageConfig.EMPTY);
        ServiceCli.Result r = cli.run("--progress", "plain", "pull", "web");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("web  Pulled"), r.err());
        assertTrue(cli.fake.findImage("registry.example/web:1").isPresent());
        ServiceCli.Result missing = cli.run("--progress", "plain", "pull", "--policy", "missing", "web", "cache");
        assertEquals(0, missing.code(), missing.err());
        assertTrue(missing.err().contains("web  Skipped - Image is already present locally"), missing.err());
        assertTrue(missing.err().contains("cache  Skipped - Image is already present locally"), missing.err());
        ServiceCli.Result buildable = cli.run("--progress", "plain", "pull", "--ignore-buildable", "both");
        assertEquals(0, buildable.code(), buildable.err());
        assertTrue(buildable.err().contains("both  Skipped - Image can be built"), buildable.err());
    }

    @Test
    void buildableImageFailureStillFailsWithoutIgnore() {
        ServiceCli.Result r = cli.run("--progress", "plain", "pull", "both");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("both  Warning"), r.err());
    }
}
