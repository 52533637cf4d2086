package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real docker CLI (an oracle nobody here wrote) against the embedded daemon. */
@Tag("root")
class DockerCliTest {
    private EmbeddedDaemon daemon;
    private DockerCli docker;

    @BeforeEach
    void startDaemon() throws Exception {
        Path binary = DockerCli.find();
        assumeTrue(binary != null, "needs the docker CLI");
        daemon = new EmbeddedDaemon().start();
        docker = new DockerCli(binary, daemon.uri());
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void runRemoveEchoPrintsAndExitsZero() throws Exception {
        DockerCli.Result r = docker.run("run", "--rm", "busybox", "echo", "hi");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("hi\n", r.stdout(), r.toString());
        assertEquals("", docker.run("ps", "-aq").stdout(), "--rm removed it");
    }
}
