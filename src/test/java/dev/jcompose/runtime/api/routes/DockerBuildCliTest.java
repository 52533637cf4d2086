package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.snapshot.SnapshotInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI's classic builder ({@code DOCKER_BUILDKIT=0 docker build}) against the embedded daemon:
 * RUN + COPY + ENV + WORKDIR + CMD give an image that runs; a rebuild is all cache hits with the same id; an
 * edited file rebuilds from its COPY on; multi-stage COPY --from; a failing RUN exits with its code and leaves
 * no container, mount or snapshot; a Dockerfile error names its line.
 */
@Tag("root")
class DockerBuildCliTest {
    private static EmbeddedDaemon daemon;
    private static DockerCli docker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDaemon() throws Exception {
        Path binary = DockerCli.find();
        assumeTrue(binary != null, "needs the docker CLI");
        daemon = new EmbeddedDaemon().start();
        docker = new DockerCli(binary, daemon.uri()).withEnv(Map.of("DOCKER_BUILDKIT", "0"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private Path context(String dockerfile, Map<String, String> files) throws Exception {
        Path ctx = Files.createTempDirectory(dir, "ctx");
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        for (var e : files.entrySet()) {
            Files.createDirectories(ctx.resolve(e.getKey()).getParent());
            Files.writeString(ctx.resolve(e.getKey()), e.getValue());
        }
        return ctx;
    }

    private static String builtId(DockerCli.Result r) {
        Matcher m = Pattern.compile("Successfully built ([0-9a-f]{12})").matcher(r.stdout());
        assertTrue(m.find(), r.toString());
        return m.group(1);
    }

    private static void assertNoBuildLeftovers() throws Exception {
        for (SnapshotInfo s : daemon.snapshots.list()) {
            assertFalse(s.name().startsWith("build-"), "build snapshot left: " + s);
        }
        assertEquals(List.of(), daemon.residue().stream().filter(r -> r.startsWith("runc") || r.contains("/build/"))
                .toList());
    }

    @Test
    void buildRunsAndCachesAndRebuildsFromTheEditedCopy() throws Exception {
        String dockerfile = """
                FROM jcompose/busybox:latest
                # a comment
                ARG SUFFIX=from-arg
                ENV GREETING=hello \\
                    OTHER="two words"
                WORKDIR /app
                COPY msg.txt ./
                RUN echo "$GREETING $SUFFIX" > run.txt && mkdir -p /data && echo x > /data/x
                CMD ["sh", "-c", "cat /app/msg.txt /app/run.txt; echo $OTHER; pwd"]
                """;
        Path ctx = context(dockerfile, Map.of("msg.txt", "message one\n"));

        DockerCli.Result first = docker.run("build", "-t", "jctb/app:1", ctx.toString());
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.stdout().contains("Step 7/7 : CMD"), first.stdout());
        assertTrue(first.stdout().contains("Successfully tagged jctb/app:1"), first.stdout());
        String id = builtId(first);

        DockerCli.Result ran = docker.run("run", "--rm", "jctb/app:1");
        assertEquals(0, ran.exitCode(), ran.toString());
        assertEquals("message one\nhello from-arg\ntwo words\n/app\n", ran.stdout());

        DockerCli.Result again = docker.run("build", "-t", "jctb/app:1", ctx.toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(id, builtId(again), again.stdout());
        assertEquals(6, again.stdout().split("Using cache", -1).length - 1, again.stdout());

        Files.writeString(ctx.resolve("msg.txt"), "message two\n");
        DockerCli.Result edited = docker.run("build", "-t", "jctb/app:1", ctx.toString());
        assertEquals(0, edited.exitCode(), edited.toString());
        assertNotEquals(id, builtId(edited));
        assertEquals(3, edited.stdout().split("Using cache", -1).length - 1, "ARG, ENV, WORKDIR cached:\n"
                + edited.stdout());
        assertEquals("message two\nhello from-arg\ntwo words\n/app\n", docker.run("run", "--rm", "jctb/app:1").stdout());

        DockerCli.Result inspect = docker.run("image", "inspect", "-f", "{{.Config.WorkingDir}} {{len .RootFS.Layers}}",
                "jctb/app:1");
        assertEquals("/app 3\n", inspect.stdout(), inspect.toString());
        assertNoBuildLeftovers();
    }

    @Test
    void multiStageCopiesFromAnEarlierStage() throws Exception {
        Path ctx = context("""
                FROM jcompose/busybox:latest AS builder
                RUN mkdir /out && echo built-in-stage-one > /out/artifact.txt
                FROM scratch AS unused
                COPY --from=builder /out/artifact.txt /x
                FROM jcompose/busybox:latest
                COPY --from=builder /out/artifact.txt /final/
                COPY --from=0 /out /copied-dir
                CMD ["cat", "/final/artifact.txt", "/copied-dir/artifact.txt"]
                """, Map.of());
        DockerCli.Result r = docker.run("build", "-t", "jctb/multi", ctx.toString());
        assertEquals(0, r.exitCode(), r.toString());
        DockerCli.Result ran = docker.run("run", "--rm", "jctb/multi");
        assertEquals("built-in-stage-one\nbuilt-in-stage-one\n", ran.stdout(), ran.toString());
        assertNoBuildLeftovers();
    }

    @Test
    void failingRunExitsWithItsCodeAndLeavesNothing() throws Exception {
        Path ctx = context("FROM jcompose/busybox:latest\nRUN echo out; echo err >&2; exit 3\n", Map.of());
        DockerCli.Result r = docker.run("build", ctx.toString());
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("The command '/bin/sh -c echo out; echo err >&2; exit 3' returned a non-zero "
                + "code: 3"), r.toString());
        assertTrue(r.stdout().contains("out\n"), r.toString());
        assertTrue(r.stdout().contains("err"), r.toString());
        assertEquals("", docker.run("ps", "-aq").stdout());
        assertNoBuildLeftovers();
    }

    @Test
    void dockerfileErrorNamesTheLine() throws Exception {
        Path ctx = context("FROM jcompose/busybox:latest\n\nFOO bar\n", Map.of());
        DockerCli.Result r = docker.run("build", ctx.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("dockerfile parse error line 3: unknown instruction: FOO"), r.toString());
    }

    @Test
    void runOutputIsStreamedWhileTheStepRuns() throws Exception {
        Path ctx = context("FROM jcompose/busybox:latest\nRUN echo first; sleep 1; echo second\n", Map.of());
        long t0 = System.nanoTime();
        DockerCli.Result r = docker.run("build", "--no-cache", ctx.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().indexOf("first") < r.stdout().indexOf("second"), r.stdout());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() >= 1000);
    }
}
