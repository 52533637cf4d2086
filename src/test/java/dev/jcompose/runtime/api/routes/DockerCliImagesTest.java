package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.ImageSummary;
import dev.jcompose.engine.docker.DockerEngine;
import dev.jcompose.runtime.daemon.DaemonConfig;
import dev.jcompose.runtime.daemon.EngineDaemon;
import dev.jcompose.runtime.daemon.StandardDaemon;
import dev.jcompose.runtime.testing.BusyboxImage;
import dev.jcompose.runtime.testing.DockerCommand;
import dev.jcompose.runtime.testing.TarBuilder;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The image commands of the real docker CLI, and the Engine SPI's image methods through the docker-java
 * adapter, against the embedded engine (StandardDaemon, in this JVM, on a jct-* temp root). When dockerd runs,
 * its answers for the same busybox image are the oracle (inspect), and archives cross between the two engines.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerCliImagesTest {
    private static final String INSPECT = "{{.Id}} {{json .Config}} {{json .RootFS.Layers}} {{.Os}}/{{.Architecture}}"
            + " {{.Comment}} {{.Created}}";

    private Path dir;
    private EngineDaemon daemon;
    private DaemonConfig config;
    private DockerCommand docker;
    private DockerCommand dockerd;
    private Path busybox;
    private boolean fromDockerd;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(DockerCommand.available(), "the docker CLI is not installed");
        assumeTrue(BusyboxImage.available(), "busybox-static is not installed");
        dir = Files.createTempDirectory("jct-images-");
        config = new DaemonConfig(dir.resolve("root"), dir.resolve("run"), dir.resolve("run/engine.sock"));
        daemon = StandardDaemon.create(config).start();
        docker = new DockerCommand("unix://" + config.socket(), Files.createDirectories(dir.resolve("docker-config")),
                dir.resolve("out"));
        dockerd = DockerCommand.dockerdRunning() ? new DockerCommand(null, dir.resolve("docker-config"), dir.resolve("out")) : null;
        busybox = dir.resolve("busybox.tar");
        fromDockerd = BusyboxImage.save(busybox);
        docker.run("load", "-i", busybox.toString()).ok();
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (dir != null) {
            PathUtils.deleteDirectory(dir);
        }
    }

    @Test
    void loadPrintsTheLoadedTagAndImagesListsIt() {
        DockerCommand.Result load = docker.run("load", "-i", busybox.toString()).ok();
        assertEquals("Loaded image: " + BusyboxImage.TAG, load.out());
        String rows = docker.run("images", "--format", "{{.Repository}}:{{.Tag}}", "jcompose/busybox").ok().out();
        assertEquals(BusyboxImage.TAG, rows);
    }

    @Test
    void inspectMatchesDockerdForTheSameImage() {
        String ours = docker.run("image", "inspect", "--format", INSPECT, BusyboxImage.TAG).ok().out();
        assertTrue(ours.startsWith("sha256:"), ours);
        assumeTrue(fromDockerd, "no dockerd to compare with");
        assertEquals(dockerd.run("image", "inspect", "--format", INSPECT, BusyboxImage.TAG).ok().out(), ours);
    }

    @Test
    void tagAndRmiOnlyUntagWhileOtherTagsRemain() {
        String id = docker.run("image", "inspect", "--format", "{{.Id}}", BusyboxImage.TAG).ok().out();
        docker.run("tag", BusyboxImage.TAG, "jct-tagged:2").ok();
        assertEquals(id, docker.run("image", "inspect", "--format", "{{.Id}}", "jct-tagged:2").ok().out());
        assertEquals("Untagged: jct-tagged:2", docker.run("rmi", "jct-tagged:2").ok().out());
        DockerCommand.Result gone = docker.run("rmi", "jct-tagged:2");
        assertEquals(1, gone.exit());
        assertEquals("Error response from daemon: No such image: jct-tagged:2", gone.err());
    }

    @Test
    void saveThenLoadGivesTheSameImageBack() {
        docker.run("tag", BusyboxImage.TAG, "jct-roundtrip:1").ok();
        String id = docker.run("image", "inspect", "--format", "{{.Id}}", "jct-roundtrip:1").ok().out();
        Path saved = dir.resolve("roundtrip.tar");
        docker.run("save", "-o", saved.toString(), "jct-roundtrip:1").ok();
        docker.run("rmi", "jct-roundtrip:1").ok();
        assertEquals("Loaded image: jct-roundtrip:1", docker.run("load", "-i", saved.toString()).ok().out());
        assertEquals(id, docker.run("image", "inspect", "--format", "{{.Id}}", "jct-roundtrip:1").ok().out());
        docker.run("rmi", "jct-roundtrip:1").ok();
        assertEquals("Loaded image: jct-roundtrip:1",
                docker.shell("$DOCKER tag " + BusyboxImage.TAG + " jct-roundtrip:1 && $DOCKER save jct-roundtrip:1 | "
                        + "$DOCKER load").ok().out());
        docker.run("rmi", "jct-roundtrip:1").ok();
    }

    @Test
    void ourSaveLoadsIntoDockerdAndRunsThere() {
        assumeTrue(dockerd != null, "no dockerd");
        String tag = "jct-cross-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        docker.run("tag", BusyboxImage.TAG, tag).ok();
        try {
            assertEquals("Loaded image: " + tag, docker.shell("$DOCKER save " + tag + " | docker load").ok().out());
            assertEquals("ran", dockerd.run("run", "--rm", "--network", "none", tag, "echo", "ran").ok().out());
        } finally {
            dockerd.run("rmi", tag);
            docker.run("rmi", tag);
        }
    }

    @Test
    void importWithChangesAndMessageThenHistory() throws Exception {
        Path rootfs = dir.resolve("rootfs.tar");
        Files.write(rootfs, new TarBuilder().dir("app", 0755).file("app/run.sh", "echo hi\n", 0755).build());
        DockerCommand.Result imported = docker.run("import", "-c", "CMD [\"/app/run.sh\"]", "-c", "WORKDIR /app",
                "-m", "jct import", rootfs.toString(), "jct-imported:1").ok();
        assertTrue(imported.out().matches("sha256:[a-f0-9]{64}"), imported.out());
        assertEquals(imported.out() + " [\"/app/run.sh\"] /app", docker.run("image", "inspect", "--format",
                "{{.Id}} {{json .Config.Cmd}} {{.Config.WorkingDir}}", "jct-imported:1").ok().out());
        String history = docker.run("history", "--no-trunc", "--human=false", "--format",
                "{{.ID}}|{{.Comment}}|{{.Size}}", "jct-imported:1").ok().out();
        // dockerd's layer size: the bytes of the files ("echo hi\n"), not of the tar
        assertEquals(imported.out() + "|jct import|8", history);
        DockerCommand.Result fromStdin = docker.run(rootfs, "import", "-", "jct-imported:2").ok();
        assertEquals(imported.out().length(), fromStdin.out().length());
        docker.run("rmi", "jct-imported:1", "jct-imported:2").ok();
    }

    @Test
    void busyboxHistoryAndRmiOfAnUnknownImage() {
        String history = docker.run("history", "--format", "{{.Comment}}", BusyboxImage.TAG).ok().out();
        assertEquals(fromDockerd ? "Imported from -" : "", history.lines().findFirst().orElse(""));
        DockerCommand.Result inspect = docker.run("image", "inspect", "jct-unknown");
        assertNotEquals(0, inspect.exit());
        assertTrue(inspect.err().contains("No such image: jct-unknown"), inspect.err());
    }

    @Test
    void engineSpiImageMethodsThroughDockerJava() throws Exception {
        try (DockerEngine engine = new DockerEngine(DockerEngine.Options.of(URI.create("unix://" + config.socket())))) {
            Path saved = dir.resolve("spi.tar");
            docker.run("tag", BusyboxImage.TAG, "jct-spi:1").ok();
            docker.run("save", "-o", saved.toString(), "jct-spi:1").ok();
            docker.run("rmi", "jct-spi:1").ok();
            try (InputStream in = Files.newInputStream(saved)) {
                engine.loadImage(in);
            }
            List<ImageSummary> listed = engine.listImages("jct-spi*");
            assertEquals(1, listed.size(), listed.toString());
            assertEquals(List.of("jct-spi:1"), listed.get(0).repoTags());
            ImageInfo info = engine.inspectImage("jct-spi:1");
            assertEquals(listed.get(0).id(), info.id());
            assertEquals("linux", info.os());
            assertEquals(List.of("sh"), info.config().cmd());
            engine.tagImage("jct-spi:1", "jct-spi:2");
            assertEquals(List.of("jct-spi:1", "jct-spi:2"), engine.listImages("jct-spi").get(0).repoTags());
            engine.removeImage("jct-spi:2", false);
            engine.removeImage("jct-spi:1", false);
            assertTrue(engine.findImage("jct-spi:1").isEmpty());
            assertTrue(engine.findImage(BusyboxImage.TAG).isPresent(), "removing a tag leaves the other image tags");
        }
    }
}
