package dev.jcompose.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Engine's buildImage contract, run against the fake and against dockerd. Images are tagged
 * jct-build-RUN-N and removed after each test, whatever happened.
 */
public abstract class EngineBuildContract {
    protected Engine engine;
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    private final List<String> tags = new ArrayList<>();
    private final List<String> ids = Collections.synchronizedList(new ArrayList<>());
    private int counter;

    @TempDir
    Path tmp;

    protected abstract Engine newEngine();

    /** Makes builds of {@code tag} fail the way a RUN step exiting with {@code code} does (real engines: no-op). */
    protected void scriptRunFailure(String tag, String message, int code) {
    }

    @BeforeEach
    void open() {
        engine = newEngine();
    }

    @AfterEach
    void cleanup() {
        List<RuntimeException> failures = new ArrayList<>();
        for (String tag : tags) {
            try {
                engine.findImage(tag).ifPresent(i -> ids.add(i.id()));
                engine.removeImage(tag, true);
            } catch (RuntimeException e) {
                if (!EngineErrors.isNotFound(e)) {
                    failures.add(e);
                }
            }
        }
        for (String id : List.copyOf(ids)) {
            try {
                engine.removeImage(id, true);
            } catch (RuntimeException e) {
                if (!EngineErrors.isNotFound(e)) {
                    failures.add(e);
                }
            }
        }
        engine.close();
        if (!failures.isEmpty()) {
            throw failures.getLast();
        }
    }

    private String tag() {
        String tag = "jct-build-" + run + "-" + (++counter);
        tags.add(tag);
        return tag;
    }

    private Path tar(Map<String, String> files) throws IOException {
        Path out = tmp.resolve("ctx-" + (++counter) + ".tar");
        try (OutputStream file = Files.newOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(data.length);
                entry.setModTime(1_000_000_000_000L);
                entry.setUserName("");
                entry.setGroupName("");
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return out;
    }

    private BuildSpec spec(Path context, String... tags) {
        return new BuildSpec(context, "Dockerfile", List.of(tags), Map.of("GREETING", "hi"), null,
                Map.of("dev.jcompose.test", "1", "dev.jcompose.test.build", run), null, false, false, null, null,
                null);
    }

    private static final String DOCKERFILE = """
            FROM jcompose/busybox:latest
            ARG GREETING=unset
            COPY msg.txt /msg.txt
            RUN echo "greeting=$GREETING"
            """;

    @Test
    void buildsTagsAndLabelsAnImage() throws IOException {
        String tag = tag();
        String extra = tag();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        String id = engine.buildImage(spec(tar(Map.of("Dockerfile", DOCKERFILE, "msg.txt", "one")), tag, extra),
                lines::add);
        ids.add(id);
        assertTrue(id.startsWith("sha256:") && id.length() == 71, id);
        ImageInfo image = engine.inspectImage(tag);
        assertEquals(id, image.id());
        assertEquals(id, engine.inspectImage(extra).id());
        assertEquals(run, image.config().labels().get("dev.jcompose.test.build"));
        assertEquals("busybox", image.config().labels().get("dev.jcompose.image"), "base image labels are kept");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Step 1/")), lines.toString());
        assertTrue(lines.stream().noneMatch(String::isBlank), lines.toString());
    }

    @Test
    void theSameContextBuildsTheSameImageAndAChangedFileANewOne() throws IOException {
        String tag = tag();
        Map<String, String> files = new LinkedHashMap<>(Map.of("Dockerfile", DOCKERFILE, "msg.txt", "one"));
        String first = engine.buildImage(spec(tar(files), tag), line -> { });
        ids.add(first);
        assertEquals(first, engine.buildImage(spec(tar(files), tag), line -> { }));
        files.put("msg.txt", "two");
        String changed = engine.buildImage(spec(tar(files), tag), line -> { });
        ids.add(changed);
        assertNotEquals(first, changed);
        assertEquals(changed, engine.inspectImage(tag).id());
    }

    @Test
    void aDockerfileErrorFailsWithStatusOneAndTagsNothing() throws IOException {
        String tag = tag();
        var e = assertThrows(BuildFailedException.class, () -> engine.buildImage(
                spec(tar(Map.of("Dockerfile", "FROM jcompose/busybox:latest\nBOGUS thing\n")), tag), line -> { }));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("unknown instruction: BOGUS"), e.getMessage());
        assertTrue(engine.findImage(tag).isEmpty());
    }

    @Test
    void aFailingStepFailsWithItsExitStatusAfterItsOutput() throws IOException {
        String tag = tag();
        String message = "The command '/bin/sh -c echo boom-output && exit 3' returned a non-zero code: 3";
        scriptRunFailure(tag, message, 3);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        var e = assertThrows(BuildFailedException.class, () -> engine.buildImage(spec(tar(Map.of("Dockerfile",
                "FROM jcompose/busybox:latest\nRUN echo boom-output && exit 3\n")), tag), lines::add));
        assertEquals(3, e.exitCode());
        assertEquals(message, e.getMessage());
        assertTrue(lines.stream().anyMatch(l -> l.contains("RUN echo boom-output")), lines.toString());
        assertTrue(engine.findImage(tag).isEmpty());
    }

    @Test
    void aMissingDockerfileOrBaseImageFails() throws IOException {
        String tag = tag();
        var noFile = assertThrows(BuildFailedException.class, () -> engine.buildImage(
                spec(tar(Map.of("other.txt", "x")), tag), line -> { }));
        assertTrue(noFile.getMessage().contains("Dockerfile"), noFile.getMessage());
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        var noBase = assertThrows(BuildFailedException.class, () -> engine.buildImage(spec(tar(Map.of(
                "Dockerfile", "FROM jct-build-missing-" + run + ":latest\n")), tag), lines::add));
        // dockerd names the registry it could not reach, not the image; the step line names the image
        assertTrue((noBase.getMessage() + lines).contains("jct-build-missing-" + run), noBase.getMessage() + lines);
        assertTrue(engine.findImage(tag).isEmpty());
    }
}
