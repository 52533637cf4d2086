package dev.jcompose.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.EngineFixture;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.fake.FakeEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/make-busybox-image.sh under a throwaway tag: build, idempotence, --save, and loading the archive. */
@Tag("docker")
class BusyboxImageScriptTest {
    private DockerEngine engine;
    private EngineFixture fx;
    private String tag;

    @BeforeEach
    void open() {
        engine = DockerTestSupport.engine();
        fx = new EngineFixture(engine);
        tag = "jct-" + fx.run() + "/busybox:script";
    }

    @AfterEach
    void close() {
        try {
            engine.findImage(tag).ifPresent(i -> engine.removeImage(tag, true));
        } finally {
            engine.close();
        }
    }

    @Test
    void buildsOnceThenSkipsAndSavesAnArchiveOtherEnginesLoad(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("busybox.tar");
        assertEquals(0, run("scripts/make-busybox-image.sh", tag).exitCode);
        ImageInfo built = engine.inspectImage(tag);
        assertEquals(List.of("sh"), built.config().cmd());
        assertEquals("busybox", built.config().labels().get("dev.jcompose.image"));

        Result again = run("scripts/make-busybox-image.sh", "--save", archive.toString(), tag);
        assertEquals(0, again.exitCode, again.output);
        assertTrue(again.output.contains("exists"), again.output);
        assertEquals(built.id(), engine.inspectImage(tag).id(), "no rebuild without --force");
        assertTrue(Files.size(archive) > 1_000_000, "the archive holds the busybox binary");

        // The saved archive carries the same runtime config into another engine.
        try (FakeEngine fake = new FakeEngine(); InputStream in = Files.newInputStream(archive)) {
            fake.loadImage(in);
            assertEquals(built.config(), fake.inspectImage(tag).config());
        }
        // And back into dockerd after the tag is gone.
        engine.removeImage(tag, false);
        try (InputStream in = Files.newInputStream(archive)) {
            engine.loadImage(in);
        }
        assertEquals(built.id(), engine.inspectImage(tag).id());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), output);
    }
}
